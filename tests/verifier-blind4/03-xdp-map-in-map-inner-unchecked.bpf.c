// After selftests/bpf map-in-map tests and per-tenant tables in load balancers: an array of
// inner hash maps chosen by ingress queue; the inner map found is used without checking it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct inner_map {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, u64);
} tenant0 SEC(".maps"), tenant1 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, u32);
	__array(values, struct inner_map);
} tenants SEC(".maps") = {
	.values = { &tenant0, &tenant1 },
};

SEC("xdp")
int xdp_tenant_count(struct xdp_md *ctx)
{
	u32 queue = ctx->rx_queue_index & 1;
	u32 key = ctx->ingress_ifindex;
	void *inner;
	u64 *count;

	inner = bpf_map_lookup_elem(&tenants, &queue);
	count = bpf_map_lookup_elem(inner, &key); // expect-line
	if (count)
		__sync_fetch_and_add(count, 1);
	return XDP_PASS;
}
