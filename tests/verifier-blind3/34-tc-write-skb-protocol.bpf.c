// After the kernel selftests' tc redirect/encap programs: a tc classifier rewrites
// skb->protocol by assigning the context field, which tc may only read; the change needs
// bpf_skb_change_proto().
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800
#define ETH_P_IPV6 0x86DD
#define TC_ACT_OK 0

SEC("tc")
int tc_mark_v6(struct __sk_buff *skb)
{
	if (skb->protocol != bpf_htons(ETH_P_IPV6))
		return TC_ACT_OK;
	skb->mark = 6;
	skb->protocol = bpf_htons(ETH_P_IP); // expect-line
	return TC_ACT_OK;
}
