// The TCP header found through the IP header's length field: the variable offset is added and
// the TCP header read without a check against data_end after it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
#define ETH_P_IP 0x0800

char LICENSE[] SEC("license") = "GPL";

SEC("xdp")
int xdp_syn(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip;
	struct tcphdr *tcp;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end)
		return XDP_PASS;
	if (ip->protocol != IPPROTO_TCP)
		return XDP_PASS;
	tcp = (void *)ip + ip->ihl * 4;
	if (tcp->syn && !tcp->ack)
		return XDP_DROP;
	return XDP_PASS;
}
