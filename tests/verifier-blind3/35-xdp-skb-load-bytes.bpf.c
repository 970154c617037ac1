// After xdp-tutorial's packet parsing lessons, ported from a tc program: the Ethernet header is
// copied out with bpf_skb_load_bytes(), an skb helper XDP programs cannot call (XDP has
// bpf_xdp_load_bytes(), or direct packet access).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_ARP 0x0806

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, u64);
} arp_seen SEC(".maps");

SEC("xdp")
int xdp_count_arp(struct xdp_md *ctx)
{
	struct ethhdr eth;
	u32 zero = 0;
	u64 *v;

	if (bpf_skb_load_bytes(ctx, 0, &eth, sizeof(eth)) < 0) // expect-line
		return XDP_PASS;
	if (eth.h_proto != bpf_htons(ETH_P_ARP))
		return XDP_PASS;
	v = bpf_map_lookup_elem(&arp_seen, &zero);
	if (v)
		__sync_fetch_and_add(v, 1);
	return XDP_PASS;
}
