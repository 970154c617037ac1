// A sched_switch tracepoint program that sums the first N per-CPU counters with an open-coded
// numeric iterator (bpf_iter_num_new/next). It never calls bpf_iter_num_destroy(), so the
// iterator is still live when the program returns.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define NR_SLOTS 16

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, NR_SLOTS);
	__type(key, u32);
	__type(value, u64);
} slots SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, u64);
} total SEC(".maps");

SEC("tracepoint/sched/sched_switch")
int tp_sum_slots(void *ctx)
{
	struct bpf_iter_num it;
	u64 sum = 0, *v;
	u32 zero = 0;
	int *i;

	bpf_iter_num_new(&it, 0, NR_SLOTS); // expect-line
	while ((i = bpf_iter_num_next(&it))) {
		u32 k = *i;

		v = bpf_map_lookup_elem(&slots, &k);
		if (v)
			sum += *v;
	}
	v = bpf_map_lookup_elem(&total, &zero);
	if (v)
		*v = sum;
	return 0;
}
