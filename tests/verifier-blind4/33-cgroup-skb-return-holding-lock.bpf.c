// After cgroup_skb rate limiters with a spin-locked token bucket (selftests/bpf
// test_spin_lock style): the over-limit path returns with the lock still held.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct egress_tokens {
	struct bpf_spin_lock lock;
	u64 tokens;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct egress_tokens);
} buckets SEC(".maps");

SEC("cgroup_skb/egress")
int cg_egress_limit(struct __sk_buff *skb)
{
	u32 zero = 0;
	struct egress_tokens *b;

	b = bpf_map_lookup_elem(&buckets, &zero);
	if (!b)
		return 1;
	bpf_spin_lock(&b->lock);
	if (b->tokens < skb->len)
		return 0; // expect-line
	b->tokens -= skb->len;
	bpf_spin_unlock(&b->lock);
	return 1;
}
