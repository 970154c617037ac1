// A tc program that hands the IPv4 header to a global (non-static, noinline) helper classifying
// it. Pointer arguments of global functions may be NULL as far as the verifier knows, and the
// helper dereferences its argument without checking.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800
#define TC_ACT_OK 0

__noinline int classify_iph(struct iphdr *iph)
{
	if (iph->protocol == 6) // expect-line
		return 1;
	if (iph->protocol == 17)
		return 2;
	return 0;
}

SEC("tc")
int tc_classify(struct __sk_buff *skb)
{
	void *data_end = (void *)(long)skb->data_end;
	void *data = (void *)(long)skb->data;
	struct ethhdr *eth = data;
	struct iphdr *iph;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	iph = (void *)(eth + 1);
	if ((void *)(iph + 1) > data_end)
		return TC_ACT_OK;
	skb->tc_classid = classify_iph(iph);
	return TC_ACT_OK;
}
