// An XDP program that pushes a VLAN tag in front of untagged IPv4 frames: it grows the head
// with bpf_xdp_adjust_head() and rewrites the Ethernet header. Mistake: after the head moved
// it writes through the old eth pointer; every packet pointer must be re-derived from ctx.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP    0x0800
#define ETH_P_8021Q 0x8100

const volatile u16 vlan_id = 100;

SEC("xdp")
int xdp_push_vlan(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct ethhdr *eth = data, orig;
	struct vlan_hdr *vh;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	orig = *eth;
	if (bpf_xdp_adjust_head(ctx, -(int)sizeof(struct vlan_hdr)))
		return XDP_DROP;
	__builtin_memcpy(eth->h_dest, orig.h_dest, 6); // expect-line
	data = (void *)(long)ctx->data;
	data_end = (void *)(long)ctx->data_end;
	eth = data;
	vh = (void *)(eth + 1);
	if ((void *)(vh + 1) > data_end)
		return XDP_DROP;
	__builtin_memcpy(eth->h_source, orig.h_source, 6);
	eth->h_proto = bpf_htons(ETH_P_8021Q);
	vh->h_vlan_TCI = bpf_htons(vlan_id);
	vh->h_vlan_encapsulated_proto = orig.h_proto;
	return XDP_PASS;
}
