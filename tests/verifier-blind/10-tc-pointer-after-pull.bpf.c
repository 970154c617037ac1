// After a tc classifier reading the IP header (samples/bpf style): bpf_skb_pull_data() is called
// to make the header linear, then the packet pointers taken before it are used again.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800

SEC("tc")
int tc_mark_tos(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);

	if ((void *)(ip + 1) > data_end)
		bpf_skb_pull_data(skb, sizeof(*eth) + sizeof(*ip));
	data_end = (void *)(long)skb->data_end;
	if ((void *)(ip + 1) > data_end)
		return 0;
	if (eth->h_proto == bpf_htons(ETH_P_IP) && ip->tos == 0) // expect-line
		skb->mark = 1;
	return 0;
}
