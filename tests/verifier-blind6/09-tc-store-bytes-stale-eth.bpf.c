// A tc program that rewrites the destination MAC of IPv4 frames (like samples/bpf
// tc_l2_redirect): after bpf_skb_store_bytes() every packet pointer taken before is invalid,
// and the program still reads the EtherType through the old eth pointer.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800
#define TC_ACT_OK 0

const volatile unsigned char new_dst[6] = { 0x02, 0, 0, 0, 0, 0x01 };

SEC("tc")
int rewrite_dst(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	unsigned char mac[6];

	if ((void *)(eth + 1) > data_end)
		return TC_ACT_OK;
	__builtin_memcpy(mac, (void *)new_dst, sizeof(mac));
	bpf_skb_store_bytes(skb, offsetof(struct ethhdr, h_dest), mac, sizeof(mac), 0);
	if (eth->h_proto == bpf_htons(ETH_P_IP)) // expect-line
		skb->mark = 1;
	return TC_ACT_OK;
}
