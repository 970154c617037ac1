// After the kernel selftests' test_spin_lock (tc programs updating a locked map value): the
// timestamp helper is called while the lock is held, where only the unlock may be called.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct flow_acct {
	struct bpf_spin_lock lock;
	u64 packets;
	u64 bytes;
	u64 last_seen;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, struct flow_acct);
} flows SEC(".maps");

SEC("tc")
int tc_flow_stats(struct __sk_buff *skb)
{
	u32 key = skb->ifindex;
	struct flow_acct *s;

	s = bpf_map_lookup_elem(&flows, &key);
	if (!s)
		return 0;
	bpf_spin_lock(&s->lock);
	s->packets++;
	s->bytes += skb->len;
	s->last_seen = bpf_ktime_get_ns(); // expect-line
	bpf_spin_unlock(&s->lock);
	return 0;
}
