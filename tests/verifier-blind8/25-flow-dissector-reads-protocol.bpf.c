// A flow dissector for a simple IPv4-only network. It takes the EtherType from skb->protocol,
// a __sk_buff field flow dissector programs may not read (they get it as flow_keys->n_proto).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800

SEC("flow_dissector")
int dissect_v4(struct __sk_buff *skb)
{
	void *data_end = (void *)(long)skb->data_end;
	void *data = (void *)(long)skb->data;
	struct bpf_flow_keys *keys = skb->flow_keys;
	struct iphdr *iph;

	if (skb->protocol != bpf_htons(ETH_P_IP)) // expect-line
		return BPF_DROP;
	iph = data + keys->nhoff;
	if ((void *)(iph + 1) > data_end)
		return BPF_DROP;
	keys->addr_proto = ETH_P_IP;
	keys->ipv4_src = iph->saddr;
	keys->ipv4_dst = iph->daddr;
	keys->ip_proto = iph->protocol;
	keys->thoff = keys->nhoff + sizeof(*iph);
	return BPF_OK;
}
