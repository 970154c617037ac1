// After a tc rate limiter keeping per-interface counters under a bpf_spin_lock (the kernel
// selftests' test_spin_lock shape): the over-limit branch returns with the lock still held.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define TC_ACT_OK 0
#define TC_ACT_SHOT 2

struct if_stats {
	struct bpf_spin_lock lock;
	u64 packets;
	u64 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, struct if_stats);
} stats SEC(".maps");

const volatile u64 max_packets = 1000000;

SEC("tc")
int tc_limit(struct __sk_buff *skb)
{
	struct if_stats *st, init = {};
	u32 key = skb->ifindex;

	st = bpf_map_lookup_elem(&stats, &key);
	if (!st) {
		bpf_map_update_elem(&stats, &key, &init, BPF_NOEXIST);
		return TC_ACT_OK;
	}
	bpf_spin_lock(&st->lock);
	if (st->packets >= max_packets)
		return TC_ACT_SHOT; // expect-line
	st->packets++;
	st->bytes += skb->len;
	bpf_spin_unlock(&st->lock);
	return TC_ACT_OK;
}
