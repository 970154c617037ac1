// A katran-style XDP encapsulator: pushes an outer IPv4 header in front of UDP traffic to a VIP
// with bpf_xdp_adjust_head. The mistake: after bpf_xdp_adjust_head() every packet pointer is
// invalid, but the program keeps writing through the old `eth` pointer it derived before.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP    0x0800
#define IPPROTO_UDP 17
#define IPPROTO_IPIP 4

const volatile __u32 vip = 0x0a00000a;

SEC("xdp")
int xdp_encap(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *inner, *outer;
	unsigned char src[6], dst[6];

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	inner = (void *)(eth + 1);
	if ((void *)(inner + 1) > data_end || inner->protocol != IPPROTO_UDP ||
	    inner->daddr != bpf_htonl(vip))
		return XDP_PASS;
	__builtin_memcpy(src, eth->h_source, 6);
	__builtin_memcpy(dst, eth->h_dest, 6);

	if (bpf_xdp_adjust_head(ctx, -(int)sizeof(struct iphdr)))
		return XDP_DROP;

	__builtin_memcpy(eth->h_source, src, 6); // expect-line
	__builtin_memcpy(eth->h_dest, dst, 6);
	eth->h_proto = bpf_htons(ETH_P_IP);

	data = (void *)(long)ctx->data;
	data_end = (void *)(long)ctx->data_end;
	outer = data + sizeof(struct ethhdr);
	if ((void *)(outer + 1) > data_end)
		return XDP_DROP;
	outer->version = 4;
	outer->ihl = 5;
	outer->protocol = IPPROTO_IPIP;
	outer->ttl = 64;
	outer->daddr = bpf_htonl(vip + 1);
	return XDP_TX;
}
