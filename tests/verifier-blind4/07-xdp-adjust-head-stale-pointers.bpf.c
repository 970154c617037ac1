// After katran-style IP-in-IP encapsulation in XDP: room for an outer IPv4 header is made
// with bpf_xdp_adjust_head, and the new header is written through pointers taken before.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800

const volatile u32 real_daddr = 0x0a000002;
const volatile u32 vip_saddr = 0x0a000001;

SEC("xdp")
int xdp_encap_ipip(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct ethhdr *eth = data;
	struct ethhdr *new_eth;
	struct iphdr *outer;
	struct iphdr *inner = (void *)(eth + 1);

	if ((void *)(inner + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	if (bpf_xdp_adjust_head(ctx, 0 - (int)sizeof(struct iphdr)))
		return XDP_DROP;
	new_eth = data; // expect-line
	outer = (void *)(new_eth + 1);
	if ((void *)(outer + 1) > data_end)
		return XDP_DROP;
	__builtin_memcpy(new_eth, eth, sizeof(*new_eth));
	outer->version = 4;
	outer->ihl = 5;
	outer->ttl = 64;
	outer->protocol = IPPROTO_IPIP;
	outer->saddr = vip_saddr;
	outer->daddr = real_daddr;
	outer->tot_len = bpf_htons(bpf_ntohs(inner->tot_len) + sizeof(*outer));
	return XDP_TX;
}
