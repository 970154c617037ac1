// The context is indexed by a variable: the verifier needs a constant offset.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("raw_tp/sys_enter")
int on_enter(struct bpf_raw_tracepoint_args *ctx)
{
	u32 i = bpf_get_prandom_u32() & 1;
	u64 arg = ctx->args[i];

	DEBUG_NUM("arg", arg);
	return 0;
}
