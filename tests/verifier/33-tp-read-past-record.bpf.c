// A read far past the end of the tracepoint record: loads, but the kernel refuses to attach it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int handle_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	u64 *words = (u64 *)ctx;
	u64 v = words[64];

	DEBUG_NUM("v", v);
	return 0;
}
