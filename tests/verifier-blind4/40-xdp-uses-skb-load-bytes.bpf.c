// After a tc classifier ported to XDP (samples/bpf parse_varlen, xdp-tutorial ports): the
// IP protocol is still fetched with the skb helper the tc version used.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_HLEN 14

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 256);
	__type(key, u32);
	__type(value, u64);
} proto_count SEC(".maps");

SEC("xdp")
int xdp_proto_count(struct xdp_md *ctx)
{
	u8 proto = 0;
	u32 key;
	u64 *n;

	if (bpf_skb_load_bytes(ctx, ETH_HLEN + offsetof(struct iphdr, protocol), &proto, 1)) // expect-line
		return XDP_PASS;
	key = proto;
	n = bpf_map_lookup_elem(&proto_count, &key);
	if (n)
		*n += 1;
	return XDP_PASS;
}
