// A tc egress program that remarks the IPv4 DSCP through an skb dynptr. It gets the header with
// bpf_dynptr_slice(), which gives a read-only view, and writes the TOS byte through it instead
// of using bpf_dynptr_slice_rdwr().
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800
#define TC_ACT_OK 0

extern int bpf_dynptr_from_skb(struct __sk_buff *skb, u64 flags, struct bpf_dynptr *ptr__uninit) __ksym;
extern void *bpf_dynptr_slice(const struct bpf_dynptr *ptr, u32 offset, void *buffer__opt,
			      u32 buffer__szk) __ksym;

SEC("tc")
int tc_remark_dscp(struct __sk_buff *skb)
{
	struct bpf_dynptr ptr;
	struct iphdr buf, *iph;

	if (skb->protocol != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	if (bpf_dynptr_from_skb(skb, 0, &ptr))
		return TC_ACT_OK;
	iph = bpf_dynptr_slice(&ptr, sizeof(struct ethhdr), &buf, sizeof(buf));
	if (!iph)
		return TC_ACT_OK;
	if ((iph->tos >> 2) == 0)
		iph->tos = (46 << 2) | (iph->tos & 3); // expect-line
	return TC_ACT_OK;
}
