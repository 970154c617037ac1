// After bcc libbpf-tools runqlat/biolatency (log2 histograms in a map value): the slot computed
// from the latency is used without clamping it to the number of slots.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

#define MAX_SLOTS 26

struct hist {
	u32 slots[MAX_SLOTS];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, u32);
	__type(value, u64);
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct hist);
} hists SEC(".maps");

static __always_inline u64 log2l(u64 v)
{
	u64 r = 0;

	while (v >>= 1)
		r++;
	return r;
}

SEC("tp_btf/sched_wakeup")
int BPF_PROG(on_wakeup, struct task_struct *p)
{
	u32 pid = p->pid;
	u64 ts = bpf_ktime_get_ns();

	bpf_map_update_elem(&start, &pid, &ts, BPF_ANY);
	return 0;
}

SEC("tp_btf/sched_switch")
int BPF_PROG(on_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	u32 pid = next->pid, zero = 0;
	u64 *tsp, delta, slot;
	struct hist *h;

	tsp = bpf_map_lookup_elem(&start, &pid);
	if (!tsp)
		return 0;
	delta = (bpf_ktime_get_ns() - *tsp) / 1000;
	h = bpf_map_lookup_elem(&hists, &zero);
	if (!h)
		return 0;
	slot = log2l(delta);
	__sync_fetch_and_add(&h->slots[slot], 1); // expect-line
	bpf_map_delete_elem(&start, &pid);
	return 0;
}
