// sched_process_exec has 3 arguments (p, old_pid, bprm): args[3] is past them.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("raw_tp/sched_process_exec")
int on_exec(struct bpf_raw_tracepoint_args *ctx)
{
	u64 extra = ctx->args[3];

	DEBUG_NUM("extra", extra);
	return 0;
}
