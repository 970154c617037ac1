// A tc program keeping per-flow byte counters under a bpf_spin_lock: it calls
// bpf_map_update_elem() while the lock is held.
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

struct flow_ctr {
	struct bpf_spin_lock lock;
	u64 packets;
	u64 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, u32);
	__type(value, struct flow_ctr);
} stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, u32);
	__type(value, u64);
} last_seen SEC(".maps");

SEC("tc")
int tc_account(struct __sk_buff *skb)
{
	u32 key = skb->hash;
	struct flow_ctr *s;
	u64 now;

	s = bpf_map_lookup_elem(&stats, &key);
	if (!s)
		return TC_ACT_OK;
	bpf_spin_lock(&s->lock);
	s->packets++;
	s->bytes += skb->len;
	now = bpf_ktime_get_ns();
	bpf_map_update_elem(&last_seen, &key, &now, BPF_ANY); // expect-line
	bpf_spin_unlock(&s->lock);
	return TC_ACT_OK;
}
