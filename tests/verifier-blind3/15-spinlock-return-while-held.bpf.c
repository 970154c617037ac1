// After the kernel selftests' test_map_lock / test_spin_lock: a rate limiter takes the value's
// lock and returns early (to drop) without releasing it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

#define TC_ACT_OK 0
#define TC_ACT_SHOT 2

struct rate_bucket {
	struct bpf_spin_lock lock;
	u64 tokens;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct rate_bucket);
} limiter SEC(".maps");

SEC("tc")
int tc_rate_limit(struct __sk_buff *skb)
{
	u32 zero = 0;
	struct rate_bucket *b;

	b = bpf_map_lookup_elem(&limiter, &zero);
	if (!b)
		return TC_ACT_OK;
	bpf_spin_lock(&b->lock);
	if (b->tokens == 0)
		return TC_ACT_SHOT; // expect-line
	b->tokens--;
	bpf_spin_unlock(&b->lock);
	return TC_ACT_OK;
}
