// Forwards each sched_process_fork record as is (parent and child command and pid) to user
// space through a ring buffer. Mistake: the tracepoint context is passed to
// bpf_ringbuf_output() as the data to copy; the context is not memory a helper may read, its
// fields have to be copied into a struct first.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} forks SEC(".maps");

SEC("tp/sched/sched_process_fork")
int on_fork(struct trace_event_raw_sched_process_fork *ctx)
{
	bpf_ringbuf_output(&forks, ctx, sizeof(*ctx), 0); // expect-line
	DEBUG_NUM("child", ctx->child_pid);
	return 0;
}
