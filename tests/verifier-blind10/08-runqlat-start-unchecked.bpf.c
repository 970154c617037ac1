// After bcc libbpf-tools' runqlat (run queue latency via sched_wakeup/sched_switch
// tracepoints): the wakeup timestamp looked up at switch time is used without a NULL check.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";
#define MAX_SLOTS 26

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, u32);
	__type(value, u64);
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, MAX_SLOTS);
	__type(key, u32);
	__type(value, u64);
} hist SEC(".maps");

SEC("tp/sched/sched_wakeup")
int handle_wakeup(struct trace_event_raw_sched_wakeup_template *ctx)
{
	u32 pid = ctx->pid;
	u64 ts = bpf_ktime_get_ns();

	bpf_map_update_elem(&start, &pid, &ts, BPF_ANY);
	return 0;
}

SEC("tp/sched/sched_switch")
int handle_switch(struct trace_event_raw_sched_switch *ctx)
{
	u32 pid = ctx->next_pid;
	u64 *tsp, delta_us, *cnt;
	u32 slot = 0;

	tsp = bpf_map_lookup_elem(&start, &pid);
	delta_us = (bpf_ktime_get_ns() - *tsp) / 1000; // expect-line
	while (delta_us > 1 && slot < MAX_SLOTS - 1) {
		delta_us >>= 1;
		slot++;
	}
	cnt = bpf_map_lookup_elem(&hist, &slot);
	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	bpf_map_delete_elem(&start, &pid);
	return 0;
}
