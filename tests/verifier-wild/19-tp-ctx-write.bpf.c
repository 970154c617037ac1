// Trying to change a syscall's argument from a tracepoint: the context is read-only.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
char LICENSE[] SEC("license") = "GPL";

SEC("tracepoint/syscalls/sys_enter_kill")
int block_kill(struct trace_event_raw_sys_enter *ctx)
{
	if (ctx->args[1] == 9)
		ctx->args[1] = 15;
	return 0;
}
