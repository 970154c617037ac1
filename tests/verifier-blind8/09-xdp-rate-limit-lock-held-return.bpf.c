// An XDP per-source token-bucket rate limiter whose bucket is guarded by a bpf_spin_lock. When
// the bucket is empty it returns XDP_DROP straight from inside the locked region, without
// bpf_spin_unlock().
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800

struct tb_bucket {
	struct bpf_spin_lock lock;
	u64 tokens;
	u64 last_ns;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 65536);
	__type(key, u32);
	__type(value, struct tb_bucket);
} buckets SEC(".maps");

SEC("xdp")
int xdp_rate_limit(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct ethhdr *eth = data;
	struct iphdr *iph;
	struct tb_bucket *b;
	u64 now;
	u32 src;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	iph = (void *)(eth + 1);
	if ((void *)(iph + 1) > data_end)
		return XDP_PASS;
	src = iph->saddr;
	b = bpf_map_lookup_elem(&buckets, &src);
	if (!b)
		return XDP_PASS;
	now = bpf_ktime_get_ns();
	bpf_spin_lock(&b->lock);
	if (now - b->last_ns > 1000000000ULL) {
		b->tokens = 100;
		b->last_ns = now;
	}
	if (b->tokens == 0)
		return XDP_DROP; // expect-line
	b->tokens--;
	bpf_spin_unlock(&b->lock);
	return XDP_PASS;
}
