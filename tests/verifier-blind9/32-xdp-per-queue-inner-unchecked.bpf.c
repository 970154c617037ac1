// An XDP counter keeping one inner array of per-protocol counters per RX queue, selected
// from an array of maps. Mistake: the inner map from the outer lookup is used without
// checking that the lookup found one (a queue with no inner map gives NULL).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct inner_map {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 256);
	__type(key, u32);
	__type(value, u64);
} queue0 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 64);
	__type(key, u32);
	__array(values, struct inner_map);
} per_queue SEC(".maps") = {
	.values = { &queue0 },
};

SEC("xdp")
int xdp_queue_count(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct ethhdr *eth = data;
	struct iphdr *iph = data + sizeof(*eth);
	u32 q = ctx->rx_queue_index, proto;
	void *inner;
	u64 *cnt;

	if ((void *)(iph + 1) > data_end)
		return XDP_PASS;
	proto = iph->protocol;
	inner = bpf_map_lookup_elem(&per_queue, &q);
	cnt = bpf_map_lookup_elem(inner, &proto); // expect-line
	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	return XDP_PASS;
}
