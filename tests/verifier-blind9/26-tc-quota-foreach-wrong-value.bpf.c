// A tc egress program that sums the byte counters of all flows with bpf_for_each_map_elem()
// to enforce a total quota. Mistake: the callback declares the value as the two-field
// struct used elsewhere, but this map's value is a single u64; reading .packets is past it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct flow_val {
	u64 bytes;
	u64 packets;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, u64);
} flow_bytes SEC(".maps");

struct sum_ctx {
	u64 bytes;
	u64 packets;
};

static long add_flow(struct bpf_map *map, u32 *key, struct flow_val *val, struct sum_ctx *sc)
{
	sc->bytes += val->bytes;
	sc->packets += val->packets; // expect-line
	return 0;
}

SEC("tc")
int tc_quota(struct __sk_buff *skb)
{
	struct sum_ctx sc = {};

	bpf_for_each_map_elem(&flow_bytes, add_flow, &sc, 0);
	if (sc.bytes > (1ULL << 30))
		return 2; /* TC_ACT_SHOT */
	return 0;
}
