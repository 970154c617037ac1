// A runqlat-style histogram of run-queue latency: the wakeup time of each pid is stored,
// and at sched_switch the delay is counted in a log2 slot. Mistake: the timestamp looked up
// at switch time is used without checking the lookup found anything.
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

SEC("tp_btf/sched_wakeup")
int BPF_PROG(sched_wakeup, struct task_struct *p)
{
	u32 pid = p->pid;
	u64 ts = bpf_ktime_get_ns();

	bpf_map_update_elem(&start, &pid, &ts, BPF_ANY);
	return 0;
}

SEC("tp_btf/sched_switch")
int BPF_PROG(sched_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	u32 pid = next->pid;
	u64 *tsp, delta, *slotp;
	u32 slot = 0;

	tsp = bpf_map_lookup_elem(&start, &pid);
	delta = (bpf_ktime_get_ns() - *tsp) / 1000; // expect-line
	while (delta > 1 && slot < MAX_SLOTS - 1) {
		delta >>= 1;
		slot++;
	}
	slotp = bpf_map_lookup_elem(&hist, &slot);
	if (slotp)
		__sync_fetch_and_add(slotp, 1);
	bpf_map_delete_elem(&start, &pid);
	return 0;
}
