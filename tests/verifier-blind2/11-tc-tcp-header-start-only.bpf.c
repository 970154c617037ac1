// After a tc port filter in the style of the kernel's samples/bpf parse programs: the TCP header
// found behind a variable-length IP header is checked to start inside the packet, not to end there.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800
#define TC_ACT_OK 0
#define TC_ACT_SHOT 2

const volatile u16 blocked_port = 23;

SEC("tc")
int tc_port_filter(struct __sk_buff *skb)
{
	void *data_end = (void *)(long)skb->data_end;
	void *data = (void *)(long)skb->data;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	struct tcphdr *tcph;

	if ((void *)(iph + 1) > data_end)
		return TC_ACT_OK;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || iph->protocol != IPPROTO_TCP)
		return TC_ACT_OK;
	tcph = (void *)iph + iph->ihl * 4;
	if ((void *)tcph > data_end)
		return TC_ACT_OK;
	if (tcph->dest == bpf_htons(blocked_port)) // expect-line
		return TC_ACT_SHOT;
	return TC_ACT_OK;
}
