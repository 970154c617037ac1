// After tc DNS filters (cilium-style L7 peeking): drop DNS queries with the recursion
// flag cleared; the check before reading the DNS header compares its start, not its end.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800
#define TC_ACT_OK 0
#define TC_ACT_SHOT 2

struct dnshdr {
	u16 id;
	u16 flags;
	u16 qdcount;
	u16 ancount;
	u16 nscount;
	u16 arcount;
};

SEC("tc")
int tc_dns_filter(struct __sk_buff *skb)
{
	void *data_end = (void *)(long)skb->data_end;
	void *data = (void *)(long)skb->data;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	struct udphdr *udp = (void *)(ip + 1);
	struct dnshdr *dns = (void *)(udp + 1);

	if ((void *)(udp + 1) > data_end)
		return TC_ACT_OK;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || ip->protocol != IPPROTO_UDP || ip->ihl != 5)
		return TC_ACT_OK;
	if (udp->dest != bpf_htons(53))
		return TC_ACT_OK;
	if ((void *)dns > data_end) // expect-line
		return TC_ACT_OK;
	if (!(bpf_ntohs(dns->flags) & 0x0100))
		return TC_ACT_SHOT;
	return TC_ACT_OK;
}
