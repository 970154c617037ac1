// After a tool being moved from perf buffers to the ring buffer (bcc libbpf-tools did this
// wholesale): the send is now bpf_ringbuf_output, the map is still a perf event array.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct event {
	u32 pid;
	u32 prev_pid;
	u64 ts;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY); // expect-line
	__uint(key_size, sizeof(u32));
	__uint(value_size, sizeof(u32));
} events SEC(".maps");

SEC("raw_tp/sched_switch")
int raw_switch(struct bpf_raw_tracepoint_args *ctx)
{
	struct event e = {};

	e.pid = bpf_get_current_pid_tgid() >> 32;
	e.ts = bpf_ktime_get_ns();
	bpf_ringbuf_output(&events, &e, sizeof(e), 0);
	return 0;
}
