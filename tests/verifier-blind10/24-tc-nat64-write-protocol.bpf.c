// A tc NAT64 sketch that marks the translated packet as IPv6 by assigning skb->protocol,
// a field tc programs may read but not write (bpf_skb_change_proto() does that).
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

#define ETH_P_IPV6 0x86DD

SEC("tc")
int tc_nat64(struct __sk_buff *skb)
{
	if (skb->protocol != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	if (skb->len < sizeof(struct ethhdr) + sizeof(struct iphdr))
		return TC_ACT_OK;
	skb->mark = 64;
	skb->protocol = bpf_htons(ETH_P_IPV6); // expect-line
	return TC_ACT_OK;
}
