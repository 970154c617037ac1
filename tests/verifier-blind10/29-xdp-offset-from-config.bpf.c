// An XDP payload matcher that reads a 32-bit word at an offset taken from a config map: the
// offset is never bounded before it is added to the packet pointer.
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

struct match_cfg {
	u32 offset;
	u32 value;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct match_cfg);
} cfg SEC(".maps");

SEC("xdp")
int xdp_match(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct match_cfg *c;
	u32 zero = 0;
	void *p;

	c = bpf_map_lookup_elem(&cfg, &zero);
	if (!c)
		return XDP_PASS;
	p = data + c->offset; // expect-line
	if (p + sizeof(u32) > data_end)
		return XDP_PASS;
	return *(u32 *)p == c->value ? XDP_DROP : XDP_PASS;
}
