// After a raw tracepoint syscall counter: raw_tp/sys_enter gets two arguments (the registers
// and the syscall id); the program reads a third as if it were the first syscall argument.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

u64 last_arg;

SEC("raw_tp/sys_enter")
int raw_enter(struct bpf_raw_tracepoint_args *ctx)
{
	u64 id = ctx->args[1];

	if (id != 257)
		return 0;
	last_arg = ctx->args[2]; // expect-line
	return 0;
}
