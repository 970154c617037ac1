// A socket filter that keeps only IPv4 TCP packets, written like a tc program with direct
// packet access: socket filter programs may not read skb->data / skb->data_end; they load
// packet bytes with bpf_skb_load_bytes() instead.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800

SEC("socket")
int tcp_only(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data; // expect-line
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);

	if ((void *)(iph + 1) > data_end)
		return 0;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || iph->protocol != IPPROTO_TCP)
		return 0;
	return skb->len;
}
