// After the kernel selftests' map-in-map programs (test_map_in_map): the inner map taken from the
// outer array is used for the next lookup without checking that it was found.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct inner_map_t {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, u64);
};

struct inner_map_t inner_map SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 4);
	__type(key, u32);
	__array(values, struct inner_map_t);
} outer SEC(".maps") = {
	.values = { [0] = &inner_map },
};

SEC("cgroup_skb/egress")
int count_egress(struct __sk_buff *skb)
{
	u32 slot = 0, key = 0;
	void *inner;
	u64 *bytes;

	inner = bpf_map_lookup_elem(&outer, &slot);
	bytes = bpf_map_lookup_elem(inner, &key); // expect-line
	if (bytes)
		__sync_fetch_and_add(bytes, skb->len);
	return 1;
}
