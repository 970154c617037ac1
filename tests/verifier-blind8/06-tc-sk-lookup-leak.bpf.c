// A tc ingress filter that drops TCP packets for which no local socket exists. It looks the
// socket up with bpf_sk_lookup_tcp() and releases it, except on the path for listening
// sockets, which returns while still holding the reference.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800
#define IPPROTO_TCP 6
#define TC_ACT_OK 0
#define TC_ACT_SHOT 2
#define BPF_TCP_LISTEN 10

SEC("tc")
int tc_drop_no_socket(struct __sk_buff *skb)
{
	void *data_end = (void *)(long)skb->data_end;
	void *data = (void *)(long)skb->data;
	struct ethhdr *eth = data;
	struct bpf_sock_tuple tuple = {};
	struct iphdr *iph;
	struct tcphdr *tcp;
	struct bpf_sock *sk;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	iph = (void *)(eth + 1);
	if ((void *)(iph + 1) > data_end || iph->protocol != IPPROTO_TCP || iph->ihl != 5)
		return TC_ACT_OK;
	tcp = (void *)(iph + 1);
	if ((void *)(tcp + 1) > data_end)
		return TC_ACT_OK;
	tuple.ipv4.saddr = iph->saddr;
	tuple.ipv4.daddr = iph->daddr;
	tuple.ipv4.sport = tcp->source;
	tuple.ipv4.dport = tcp->dest;
	sk = bpf_sk_lookup_tcp(skb, &tuple, sizeof(tuple.ipv4), BPF_F_CURRENT_NETNS, 0);
	if (!sk)
		return TC_ACT_SHOT;
	if (sk->state == BPF_TCP_LISTEN)
		return TC_ACT_OK; // expect-line
	bpf_sk_release(sk);
	return TC_ACT_OK;
}
