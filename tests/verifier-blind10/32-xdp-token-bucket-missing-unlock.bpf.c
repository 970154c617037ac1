// An XDP token-bucket rate limiter: when the bucket is empty it returns XDP_DROP while still
// holding the bucket's bpf_spin_lock.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";
#define ETH_P_IP 0x0800
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17
#define TC_ACT_OK 0
#define TC_ACT_SHOT 2

struct tbucket {
	struct bpf_spin_lock lock;
	u64 tokens;
	u64 last_ns;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct tbucket);
} buckets SEC(".maps");

SEC("xdp")
int xdp_ratelimit(struct xdp_md *ctx)
{
	u64 now = bpf_ktime_get_ns();
	struct tbucket *b;
	u32 zero = 0;

	b = bpf_map_lookup_elem(&buckets, &zero);
	if (!b)
		return XDP_PASS;
	bpf_spin_lock(&b->lock);
	b->tokens += (now - b->last_ns) / 1000000;
	b->last_ns = now;
	if (b->tokens > 100)
		b->tokens = 100;
	if (b->tokens == 0)
		return XDP_DROP; // expect-line
	b->tokens--;
	bpf_spin_unlock(&b->lock);
	return XDP_PASS;
}
