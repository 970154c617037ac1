// Keeps per-flow byte counters and a last-seen time under a bpf_spin_lock, on tc egress
// (the pattern of the selftests' test_spin_lock): the timestamp is taken with a helper call
// inside the locked region, and no helper may be called while a spin lock is held.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define TC_ACT_OK 0

struct flow_acct {
	struct bpf_spin_lock lock;
	u64 bytes;
	u64 packets;
	u64 last_seen;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, u32);
	__type(value, struct flow_acct);
} flows SEC(".maps");

SEC("tc")
int account_flow(struct __sk_buff *skb)
{
	u32 key = skb->hash;
	struct flow_acct init = {}, *st;

	st = bpf_map_lookup_elem(&flows, &key);
	if (!st) {
		bpf_map_update_elem(&flows, &key, &init, BPF_NOEXIST);
		st = bpf_map_lookup_elem(&flows, &key);
		if (!st)
			return TC_ACT_OK;
	}
	bpf_spin_lock(&st->lock);
	st->bytes += skb->len;
	st->packets++;
	st->last_seen = bpf_ktime_get_ns(); // expect-line
	bpf_spin_unlock(&st->lock);
	return TC_ACT_OK;
}
