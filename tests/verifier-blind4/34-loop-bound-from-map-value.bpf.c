// After runqlat-style histograms summed on demand: the number of buckets to add up comes
// from a config map, and the loop runs to it unclamped.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define MAX_SLOTS 64

struct hist {
	u64 slots[MAX_SLOTS];
	u32 nr_slots;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct hist);
} hists SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, u64);
} total SEC(".maps");

SEC("tracepoint/sched/sched_wakeup")
int tp_sum_hist(void *ctx)
{
	u32 zero = 0, i;
	struct hist *h = bpf_map_lookup_elem(&hists, &zero);
	u64 sum = 0;

	if (!h)
		return 0;
	for (i = 0; i < h->nr_slots; i++) // expect-line
		sum += h->slots[i & (MAX_SLOTS - 1)];
	bpf_map_update_elem(&total, &zero, &sum, BPF_ANY);
	return 0;
}
