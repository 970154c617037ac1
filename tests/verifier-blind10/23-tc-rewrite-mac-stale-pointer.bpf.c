// A tc program rewriting the destination MAC with bpf_skb_store_bytes() and then checking
// the EtherType through the eth pointer it had before the helper (which invalidates it).
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

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, u64);
} ip_pkts SEC(".maps");

SEC("tc")
int tc_rewrite_mac(struct __sk_buff *skb)
{
	void *data_end = (void *)(long)skb->data_end;
	void *data = (void *)(long)skb->data;
	unsigned char new_mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };
	struct ethhdr *eth = data;
	u32 zero = 0;
	u64 *cnt;

	if ((void *)(eth + 1) > data_end)
		return TC_ACT_OK;
	bpf_skb_store_bytes(skb, 0, new_mac, sizeof(new_mac), 0);
	if (eth->h_proto != bpf_htons(ETH_P_IP)) // expect-line
		return TC_ACT_OK;
	cnt = bpf_map_lookup_elem(&ip_pkts, &zero);
	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	return TC_ACT_OK;
}
