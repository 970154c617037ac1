// An XDP program ported from a tc classifier that reads the IP protocol byte with
// bpf_skb_load_bytes(): that helper works on an sk_buff, which XDP does not have; XDP reads
// the packet directly (or with bpf_xdp_load_bytes()).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 256);
	__type(key, u32);
	__type(value, u64);
} proto_count SEC(".maps");

SEC("xdp")
int count_protos(struct xdp_md *ctx)
{
	u8 proto = 0;
	u32 key;
	u64 *cnt;

	if (bpf_skb_load_bytes(ctx, sizeof(struct ethhdr) + offsetof(struct iphdr, protocol), &proto, 1) < 0) // expect-line
		return XDP_PASS;
	key = proto;
	cnt = bpf_map_lookup_elem(&proto_count, &key);
	if (cnt)
		*cnt += 1;
	return XDP_PASS;
}
