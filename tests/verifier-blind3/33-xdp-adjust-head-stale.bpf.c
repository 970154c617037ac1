// After xdp-tutorial's packet02 (popping a VLAN tag) and samples/bpf xdp_tx_iptunnel: the
// Ethernet header pointer from before bpf_xdp_adjust_head() is used after it; the packet
// pointers must be reloaded from ctx and checked again.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_8021Q 0x8100
#define VLAN_HLEN 4

SEC("xdp")
int xdp_vlan_pop(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct ethhdr *eth = data;
	struct ethhdr copy;

	if ((void *)(eth + 1) + VLAN_HLEN > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_8021Q))
		return XDP_PASS;
	__builtin_memcpy(&copy, eth, sizeof(copy));
	if (bpf_xdp_adjust_head(ctx, VLAN_HLEN))
		return XDP_DROP;
	__builtin_memcpy(eth, &copy, 2 * 6); // expect-line
	return XDP_PASS;
}
