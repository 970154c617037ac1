// After tc MAC-rewriting reflectors (samples/bpf tc_l2_redirect, xdp-tutorial packet03 ported
// to tc): the destination MAC is rewritten with bpf_skb_store_bytes, then the old header
// pointer is used again to pick the egress device.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_ALEN 6
#define ETH_P_IP 0x0800
#define TC_ACT_OK 0

const volatile unsigned char gw_mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 1 };
const volatile u32 out_ifindex = 2;

SEC("tc")
int tc_rewrite_mac(struct __sk_buff *skb)
{
	void *data_end = (void *)(long)skb->data_end;
	void *data = (void *)(long)skb->data;
	struct ethhdr *eth = data;
	unsigned char mac[ETH_ALEN];

	if ((void *)(eth + 1) > data_end)
		return TC_ACT_OK;
	__builtin_memcpy(mac, (const void *)gw_mac, ETH_ALEN);
	bpf_skb_store_bytes(skb, offsetof(struct ethhdr, h_dest), mac, ETH_ALEN, 0);
	if (eth->h_proto != bpf_htons(ETH_P_IP)) // expect-line
		return TC_ACT_OK;
	return bpf_redirect(out_ifindex, 0);
}
