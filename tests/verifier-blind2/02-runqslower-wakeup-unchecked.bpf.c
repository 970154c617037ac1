// After bcc libbpf-tools' runqslower.bpf.c (raw tracepoint flavour): the wakeup timestamp
// looked up at the context switch is used without checking that the lookup found one.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct event {
	char task[16];
	u32 pid;
	u64 delta_us;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, u32);
	__type(value, u64);
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(u32));
	__uint(value_size, sizeof(u32));
} events SEC(".maps");

const volatile u64 min_us = 10000;

SEC("raw_tp/sched_wakeup")
int BPF_PROG(handle_sched_wakeup, struct task_struct *p)
{
	u32 pid = BPF_CORE_READ(p, pid);
	u64 ts = bpf_ktime_get_ns();

	bpf_map_update_elem(&start, &pid, &ts, BPF_ANY);
	return 0;
}

SEC("raw_tp/sched_switch")
int BPF_PROG(handle_sched_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	struct event event = {};
	u32 pid = BPF_CORE_READ(next, pid);
	u64 *tsp, delta_us;

	tsp = bpf_map_lookup_elem(&start, &pid);
	delta_us = (bpf_ktime_get_ns() - *tsp) / 1000; // expect-line
	if (min_us && delta_us <= min_us)
		return 0;
	event.pid = pid;
	event.delta_us = delta_us;
	bpf_probe_read_kernel_str(&event.task, sizeof(event.task), next->comm);
	bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &event, sizeof(event));
	bpf_map_delete_elem(&start, &pid);
	return 0;
}
