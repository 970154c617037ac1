// XDP: strips the Ethernet header of IPv4 packets before passing them on (a test of an L3
// tunnel endpoint). Mistake: it moves the packet start by writing ctx->data; struct xdp_md is
// read-only to the program, the head is moved with bpf_xdp_adjust_head().
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800

__u64 stripped;

SEC("xdp")
int strip_eth(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	ctx->data += sizeof(struct ethhdr); // expect-line
	stripped++;
	DEBUG_NUM("stripped", stripped);
	return XDP_PASS;
}
