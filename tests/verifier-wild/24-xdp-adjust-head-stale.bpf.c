// Decapsulating in XDP: the header pointer taken before bpf_xdp_adjust_head() is used after it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
char LICENSE[] SEC("license") = "GPL";

SEC("xdp")
int xdp_decap(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	unsigned char mac[6];

	if ((void *)(eth + 1) + 4 > data_end)
		return XDP_PASS;
	__builtin_memcpy(mac, eth->h_dest, 6);
	if (bpf_xdp_adjust_head(ctx, 4))
		return XDP_DROP;
	__builtin_memcpy(eth->h_dest, mac, 6);
	return XDP_PASS;
}
