// An XDP decapsulator for a fixed 8-byte outer tag after the MAC addresses: it saves the MACs,
// strips the tag with bpf_xdp_adjust_head(), and writes the MACs back through the Ethernet
// pointer taken before the adjustment, which no longer points into the packet.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct tag_hdr {
	u8 dst[6];
	u8 src[6];
	u8 tag[8];
	u16 proto;
};

SEC("xdp")
int xdp_strip_tag(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct tag_hdr *outer = data;
	struct ethhdr *eth;
	u8 dst[6], src[6];

	if ((void *)(outer + 1) > data_end)
		return XDP_PASS;
	if (outer->tag[0] != 0xfe)
		return XDP_PASS;
	__builtin_memcpy(dst, outer->dst, 6);
	__builtin_memcpy(src, outer->src, 6);
	eth = (void *)outer + sizeof(outer->tag);
	if (bpf_xdp_adjust_head(ctx, sizeof(outer->tag)))
		return XDP_DROP;
	__builtin_memcpy(eth->h_dest, dst, 6); // expect-line
	__builtin_memcpy(eth->h_source, src, 6);
	return XDP_PASS;
}
