// A fork tracer half-converted from a perf buffer to a ring buffer: the map is now a
// BPF_MAP_TYPE_RINGBUF but the program still calls bpf_perf_event_output() on it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";
struct event {
	u32 parent_pid;
	u32 child_pid;
	char comm[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

SEC("tp/sched/sched_process_fork")
int handle_fork(struct trace_event_raw_sched_process_fork *ctx)
{
	struct event e = {};

	e.parent_pid = ctx->parent_pid;
	e.child_pid = ctx->child_pid;
	bpf_get_current_comm(&e.comm, sizeof(e.comm));
	bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &e, sizeof(e)); // expect-line
	return 0;
}
