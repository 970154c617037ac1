// After the xdp-tutorial's parsing helpers: the VLAN tag after the Ethernet header is read
// without its own bounds check.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_8021Q 0x8100

SEC("xdp")
int xdp_vlan(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct vlan_hdr *vh;
	u16 proto;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	proto = eth->h_proto;
	if (proto == bpf_htons(ETH_P_8021Q)) {
		vh = (void *)(eth + 1);
		proto = vh->h_vlan_encapsulated_proto; // expect-line
	}
	return proto == bpf_htons(0x86DD) ? XDP_DROP : XDP_PASS;
}
