// After selftests/bpf test_spin_lock (a tc program updating a shared record under
// bpf_spin_lock): the last-seen timestamp is taken while the lock is held.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define TC_ACT_OK 0

struct rate {
	struct bpf_spin_lock lock;
	u64 packets;
	u64 last_ns;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, struct rate);
} rates SEC(".maps");

SEC("tc")
int tc_rate(struct __sk_buff *skb)
{
	u32 key = skb->ifindex;
	struct rate *r;

	r = bpf_map_lookup_elem(&rates, &key);
	if (!r)
		return TC_ACT_OK;
	bpf_spin_lock(&r->lock);
	r->packets++;
	r->last_ns = bpf_ktime_get_ns(); // expect-line
	bpf_spin_unlock(&r->lock);
	return TC_ACT_OK;
}
