// An XDP program that walks the IPv6 extension header chain to find the upper-layer protocol
// and drops fragments. The walk is a while loop with no cap on the number of headers, so the
// verifier can never see it end.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IPV6 0x86DD
#define NEXTHDR_HOP 0
#define NEXTHDR_ROUTING 43
#define NEXTHDR_FRAGMENT 44
#define NEXTHDR_DEST 60

struct ext_hdr {
	u8 nexthdr;
	u8 hdrlen;
};

SEC("xdp")
int xdp_drop_v6_frags(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct ethhdr *eth = data;
	struct ipv6hdr *ip6;
	struct ext_hdr *eh;
	void *cur;
	u8 next;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IPV6))
		return XDP_PASS;
	ip6 = (void *)(eth + 1);
	if ((void *)(ip6 + 1) > data_end)
		return XDP_PASS;
	next = ip6->nexthdr;
	cur = ip6 + 1;
	while (next == NEXTHDR_HOP || next == NEXTHDR_ROUTING || next == NEXTHDR_DEST) { // expect-line
		eh = cur;
		if ((void *)(eh + 1) > data_end)
			return XDP_PASS;
		next = eh->nexthdr;
		cur += (eh->hdrlen + 1) * 8;
	}
	if (next == NEXTHDR_FRAGMENT)
		return XDP_DROP;
	return XDP_PASS;
}
