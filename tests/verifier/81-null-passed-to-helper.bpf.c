// An inner map is looked up in a map of maps and used at once: the outer lookup may return NULL.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct inner {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, u32);
	__type(value, u64);
} in0 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, u32);
	__array(values, struct inner);
} outer SEC(".maps") = { .values = { &in0 } };

SEC("tp/sched/sched_process_exec")
int on_exec(void *ctx)
{
	u32 k = 0;
	void *m = bpf_map_lookup_elem(&outer, &k);
	u64 *v = bpf_map_lookup_elem(m, &k);

	if (v)
		DEBUG_NUM("v", *v);
	return 0;
}
