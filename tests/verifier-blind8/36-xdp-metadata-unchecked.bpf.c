// An XDP program that stores the receive timestamp in the packet metadata area for a later tc
// program. After bpf_xdp_adjust_meta() it writes through data_meta without checking that the
// metadata fits before ctx->data.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct meta {
	u64 rx_ns;
};

SEC("xdp")
int xdp_stamp_meta(struct xdp_md *ctx)
{
	struct meta *m;

	if (bpf_xdp_adjust_meta(ctx, -(int)sizeof(*m)))
		return XDP_PASS;
	m = (void *)(long)ctx->data_meta;
	m->rx_ns = bpf_ktime_get_ns(); // expect-line
	return XDP_PASS;
}
