// An llcstat-style sampler that wants the counter's enabled/running times at each context
// switch. Mistake: bpf_perf_prog_read_value() only exists for perf_event programs; this one
// is a tracepoint program.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, u32);
	__type(value, u64);
} running SEC(".maps");

SEC("tp/sched/sched_switch")
int on_switch(struct trace_event_raw_sched_switch *ctx)
{
	struct bpf_perf_event_value v = {};
	u32 pid = ctx->prev_pid;

	if (bpf_perf_prog_read_value(ctx, &v, sizeof(v))) // expect-line
		return 0;
	bpf_map_update_elem(&running, &pid, &v.running, BPF_ANY);
	return 0;
}
