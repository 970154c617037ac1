// After a tc classifier ported to XDP (xdp-tutorial's header rewriting lessons): the header is
// still copied out with the socket-buffer helper, which XDP programs may not call.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 256);
	__type(key, u32);
	__type(value, u64);
} ttl_hist SEC(".maps");

SEC("xdp")
int xdp_ttl_hist(struct xdp_md *ctx)
{
	struct ethhdr eth;
	struct iphdr iph;
	u32 ttl;
	u64 *cnt;

	if (bpf_skb_load_bytes(ctx, 0, &eth, sizeof(eth)) < 0) // expect-line
		return XDP_PASS;
	if (eth.h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	if (bpf_skb_load_bytes(ctx, sizeof(eth), &iph, sizeof(iph)) < 0)
		return XDP_PASS;
	ttl = iph.ttl;
	cnt = bpf_map_lookup_elem(&ttl_hist, &ttl);
	if (cnt)
		*cnt += 1;
	return XDP_PASS;
}
