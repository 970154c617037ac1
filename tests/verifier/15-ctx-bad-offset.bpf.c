// The tracepoint's common header (ent) is not readable: a read of ctx->ent.pid.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int handle_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	int pid = ctx->ent.pid;

	DEBUG_NUM("pid", pid);
	return 0;
}
