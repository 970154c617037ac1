// A tc egress classifier that sets skb->priority from the IPv4 DSCP. It checks the headers,
// then calls bpf_skb_pull_data() to make sure they are linear, and keeps using the IP header
// pointer taken before the pull, which the helper invalidated.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800
#define TC_ACT_OK 0

SEC("tc")
int tc_dscp_prio(struct __sk_buff *skb)
{
	void *data_end = (void *)(long)skb->data_end;
	void *data = (void *)(long)skb->data;
	struct ethhdr *eth = data;
	struct iphdr *iph;

	if ((void *)(eth + 1) > data_end)
		return TC_ACT_OK;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	iph = (void *)(eth + 1);
	if ((void *)(iph + 1) > data_end)
		return TC_ACT_OK;
	if (bpf_skb_pull_data(skb, sizeof(*eth) + sizeof(*iph)) < 0)
		return TC_ACT_OK;
	skb->priority = iph->tos >> 2; // expect-line
	return TC_ACT_OK;
}
