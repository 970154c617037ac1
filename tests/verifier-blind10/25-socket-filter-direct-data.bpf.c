// A socket filter (SO_ATTACH_BPF) keeping only IPv4 TCP: it reads skb->data for direct packet
// access, which socket filters do not have (bpf_skb_load_bytes() is theirs).
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

SEC("socket")
int tcp_only(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data; // expect-line
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph;

	if ((void *)(eth + 1) > data_end)
		return 0;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return 0;
	iph = (void *)(eth + 1);
	if ((void *)(iph + 1) > data_end)
		return 0;
	return iph->protocol == IPPROTO_TCP ? skb->len : 0;
}
