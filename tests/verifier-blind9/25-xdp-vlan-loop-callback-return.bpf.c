// An XDP program that strips up to four stacked VLAN tags' worth of parsing with bpf_loop(),
// counting tagged packets. Mistake: the loop callback returns 2 to mean "stop, malformed";
// a bpf_loop callback may only return 0 (go on) or 1 (stop).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_8021Q 0x8100

struct parse_ctx {
	void *data;
	void *data_end;
	u32 off;
	u32 tags;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 5);
	__type(key, u32);
	__type(value, u64);
} tag_count SEC(".maps");

static long parse_tag(u64 i, void *arg)
{
	struct parse_ctx *pc = arg;
	struct vlan_hdr *vh;
	u32 off = pc->off;

	if (off > 64)
		return 1;
	vh = pc->data + off;
	if ((void *)(vh + 1) > pc->data_end)
		return 2; // expect-line
	pc->tags++;
	pc->off = off + sizeof(*vh);
	if (vh->h_vlan_encapsulated_proto != bpf_htons(ETH_P_8021Q))
		return 1;
	return 0;
}

SEC("xdp")
int xdp_vlan_count(struct xdp_md *ctx)
{
	struct parse_ctx pc = {
		.data = (void *)(long)ctx->data,
		.data_end = (void *)(long)ctx->data_end,
		.off = sizeof(struct ethhdr),
	};
	struct ethhdr *eth = pc.data;
	u64 *cnt;
	u32 key;

	if ((void *)(eth + 1) > pc.data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_8021Q))
		return XDP_PASS;
	bpf_loop(4, parse_tag, &pc, 0);
	key = pc.tags > 4 ? 4 : pc.tags;
	cnt = bpf_map_lookup_elem(&tag_count, &key);
	if (cnt)
		*cnt += 1;
	return XDP_PASS;
}
