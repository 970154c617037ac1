// XDP rate limiter: a token bucket per source address, refilled by time, under the bucket's
// bpf_spin_lock; a packet without a token is dropped. Mistake: the drop path returns while the
// lock is still held; every path out must pass bpf_spin_unlock() first.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP    0x0800
#define RATE_PER_S  100
#define NSEC_PER_S  1000000000ull

struct tb_bucket {
	struct bpf_spin_lock lock;
	__u64 tokens;
	__u64 last_ns;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384);
	__type(key, __u32);
	__type(value, struct tb_bucket);
} buckets SEC(".maps");

__u64 limited;

SEC("xdp")
int rate_limit(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	struct tb_bucket fresh = { .tokens = RATE_PER_S }, *b;
	__u64 now = bpf_ktime_get_ns();
	__u32 src;

	if ((void *)(ip + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	src = ip->saddr;
	b = bpf_map_lookup_elem(&buckets, &src);
	if (!b) {
		fresh.last_ns = now;
		bpf_map_update_elem(&buckets, &src, &fresh, BPF_NOEXIST);
		return XDP_PASS;
	}
	bpf_spin_lock(&b->lock);
	b->tokens += (now - b->last_ns) * RATE_PER_S / NSEC_PER_S;
	if (b->tokens > RATE_PER_S)
		b->tokens = RATE_PER_S;
	b->last_ns = now;
	if (b->tokens == 0) {
		limited++;
		return XDP_DROP; // expect-line
	}
	b->tokens--;
	bpf_spin_unlock(&b->lock);
	return XDP_PASS;
}
