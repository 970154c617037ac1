// An XDP per-protocol counter kept in a global array of 16 entries: the index is masked
// with 0x1f, so protocol numbers 16..31 land past the array's end.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";
#define ETH_P_IP 0x0800
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17

#define NR_COUNTERS 16

u64 proto_counts[NR_COUNTERS];

SEC("xdp")
int xdp_proto_count(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct ethhdr *eth = data;
	struct iphdr *iph;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	iph = (void *)(eth + 1);
	if ((void *)(iph + 1) > data_end)
		return XDP_PASS;
	__sync_fetch_and_add(&proto_counts[iph->protocol & 0x1f], 1); // expect-line
	return XDP_PASS;
}
