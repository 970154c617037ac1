// A socket filter that keeps only IPv4 UDP packets, written with direct packet access as in
// XDP and tc. Mistake: socket filter programs cannot read skb->data or skb->data_end; they
// read the packet with bpf_skb_load_bytes() (or load_byte()/load_half()).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP    0x0800
#define IPPROTO_UDP 17

__u64 kept;

SEC("socket")
int udp_only(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data, *data_end = (void *)(long)skb->data_end; // expect-line
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);

	if ((void *)(ip + 1) > data_end)
		return 0;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || ip->protocol != IPPROTO_UDP)
		return 0;
	kept++;
	DEBUG_NUM("kept", kept);
	return skb->len;
}
