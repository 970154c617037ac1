// tc ingress: reports the MSS that incoming TCP SYNs advertise (the first TCP option, kind 2).
// Mistake: the check before the option covers only its first byte (the kind); the 16-bit MSS
// value two bytes further on is read without a bounds check of its own.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

#define TC_ACT_OK 0

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP    0x0800
#define IPPROTO_TCP 6
#define TCPOPT_MSS  2

SEC("tc")
int syn_mss(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip;
	struct tcphdr *tcp;
	__u8 *opt;
	__u16 mss;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end || ip->protocol != IPPROTO_TCP)
		return TC_ACT_OK;
	tcp = (void *)(ip + 1);
	if ((void *)(tcp + 1) > data_end || !tcp->syn || tcp->doff <= 5)
		return TC_ACT_OK;
	opt = (__u8 *)(tcp + 1);
	if ((void *)(opt + 1) > data_end || opt[0] != TCPOPT_MSS)
		return TC_ACT_OK;
	mss = bpf_ntohs(*(__u16 *)(opt + 2)); // expect-line
	SUBMIT_NUM(mss);
	return TC_ACT_OK;
}
