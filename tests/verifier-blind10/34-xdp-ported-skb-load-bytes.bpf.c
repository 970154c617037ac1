// A tc classifier ported to XDP: it still reads the IPv4 header with bpf_skb_load_bytes(),
// a helper XDP programs cannot call (bpf_xdp_load_bytes() is the XDP one).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";
#define ETH_P_IP 0x0800
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17
#define TC_ACT_OK 0
#define TC_ACT_SHOT 2

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 256);
	__type(key, u32);
	__type(value, u64);
} proto_cnt SEC(".maps");

SEC("xdp")
int xdp_count_proto(struct xdp_md *ctx)
{
	struct iphdr iph;
	u32 proto;
	u64 *cnt;

	if (bpf_skb_load_bytes(ctx, sizeof(struct ethhdr), &iph, sizeof(iph)) < 0) // expect-line
		return XDP_PASS;
	proto = iph.protocol;
	cnt = bpf_map_lookup_elem(&proto_cnt, &proto);
	if (cnt)
		*cnt += 1;
	return XDP_PASS;
}
