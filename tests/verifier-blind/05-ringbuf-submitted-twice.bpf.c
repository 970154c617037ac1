// After libbpf-bootstrap's minimal ring buffer examples: an early-exit branch submits the
// record, and the common path submits it again.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct event {
	u32 pid;
	u64 ts;
	int filtered;
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} rb SEC(".maps");

SEC("tp/sched/sched_process_fork")
int on_fork(struct trace_event_raw_sched_process_fork *ctx)
{
	struct event *e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);

	if (!e)
		return 0;
	e->pid = ctx->child_pid;
	e->ts = bpf_ktime_get_ns();
	e->filtered = 0;
	if (ctx->child_pid < 100) {
		e->filtered = 1;
		bpf_ringbuf_submit(e, 0);
	}
	bpf_ringbuf_submit(e, 0); // expect-line
	return 0;
}
