// Katran-style IP-in-IP encapsulation in XDP: room for an outer IP header is made with
// bpf_xdp_adjust_head(), data and data_end are loaded again, but the inner IP header is still
// read through the pointer computed before the adjust, which the helper invalidated.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800

SEC("xdp")
int xdp_encap(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data, *new_eth;
	struct iphdr *inner = data + sizeof(*eth), *outer;

	if ((void *)(inner + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	if (bpf_xdp_adjust_head(ctx, 0 - (int)sizeof(struct iphdr)))
		return XDP_DROP;
	data = (void *)(long)ctx->data;
	data_end = (void *)(long)ctx->data_end;
	new_eth = data;
	outer = data + sizeof(*new_eth);
	if ((void *)(outer + 1) + sizeof(struct iphdr) > data_end)
		return XDP_DROP;
	__builtin_memcpy(new_eth->h_dest, (void *)new_eth + sizeof(struct iphdr), 6);
	__builtin_memcpy(new_eth->h_source, (void *)new_eth + sizeof(struct iphdr) + 6, 6);
	new_eth->h_proto = bpf_htons(ETH_P_IP);
	outer->version = 4;
	outer->ihl = 5;
	outer->protocol = IPPROTO_IPIP;
	outer->ttl = 64;
	outer->tot_len = bpf_htons(bpf_ntohs(inner->tot_len) + sizeof(struct iphdr)); // expect-line
	outer->saddr = bpf_htonl(0x0a000001);
	outer->daddr = bpf_htonl(0x0a000002);
	return XDP_TX;
}
