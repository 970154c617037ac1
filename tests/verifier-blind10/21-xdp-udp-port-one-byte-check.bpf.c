// After xdp-tutorial's packet parsing (drop UDP to one port): the UDP header check casts to
// void * before adding 1, so it proves one byte instead of the whole header.
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

#define BLOCKED_PORT 9999

SEC("xdp")
int xdp_udp_block(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct ethhdr *eth = data;
	struct udphdr *udph;
	struct iphdr *iph;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	iph = (void *)(eth + 1);
	if ((void *)(iph + 1) > data_end)
		return XDP_PASS;
	if (iph->protocol != IPPROTO_UDP)
		return XDP_PASS;
	udph = (void *)(iph + 1);
	if ((void *)udph + 1 > data_end)
		return XDP_PASS;
	if (udph->dest == bpf_htons(BLOCKED_PORT)) // expect-line
		return XDP_DROP;
	return XDP_PASS;
}
