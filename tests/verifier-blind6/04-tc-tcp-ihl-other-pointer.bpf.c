// A tc ingress classifier that marks packets to TCP port 443 (cilium-style header walk): the
// TCP header is found after the real IP header length (ihl * 4), but the bounds check is made
// on a different pointer, one that assumes a 20-byte IP header, so it does not cover the
// pointer the program reads through.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800
#define TC_ACT_OK 0

SEC("tc")
int mark_https(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	struct tcphdr *tcp;

	if ((void *)(iph + 1) > data_end)
		return TC_ACT_OK;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || iph->protocol != IPPROTO_TCP)
		return TC_ACT_OK;
	tcp = (void *)iph + iph->ihl * 4;
	if ((void *)(iph + 1) + sizeof(struct tcphdr) > data_end) // expect-line
		return TC_ACT_OK;
	if (tcp->dest == bpf_htons(443))
		skb->mark = 0x443;
	return TC_ACT_OK;
}
