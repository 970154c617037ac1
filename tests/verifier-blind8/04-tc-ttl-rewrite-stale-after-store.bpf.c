// A tc program that clamps the IPv4 TTL to 64 with bpf_skb_store_bytes() and then counts
// packets per destination address. bpf_skb_store_bytes() invalidates packet pointers, and the
// daddr is read through the IP header pointer taken before the store.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800
#define TC_ACT_OK 0

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4096);
	__type(key, u32);
	__type(value, u64);
} per_dst SEC(".maps");

SEC("tc")
int tc_clamp_ttl(struct __sk_buff *skb)
{
	void *data_end = (void *)(long)skb->data_end;
	void *data = (void *)(long)skb->data;
	struct ethhdr *eth = data;
	struct iphdr *iph;
	u64 one = 1, *cnt;
	u8 ttl = 64;
	u32 daddr;

	if ((void *)(eth + 1) > data_end)
		return TC_ACT_OK;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	iph = (void *)(eth + 1);
	if ((void *)(iph + 1) > data_end)
		return TC_ACT_OK;
	if (iph->ttl > 64) {
		bpf_skb_store_bytes(skb, sizeof(*eth) + offsetof(struct iphdr, ttl), &ttl, 1,
				    BPF_F_RECOMPUTE_CSUM);
	}
	daddr = iph->daddr; // expect-line
	cnt = bpf_map_lookup_elem(&per_dst, &daddr);
	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	else
		bpf_map_update_elem(&per_dst, &daddr, &one, BPF_NOEXIST);
	return TC_ACT_OK;
}
