// An XDP program reading a 4-byte trailer at the end of each frame: it computes the pointer
// as data_end - 4, and arithmetic on data_end is not allowed.
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
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, u64);
} trailers SEC(".maps");

SEC("xdp")
int xdp_trailer(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	u32 *trailer = data_end - sizeof(u32); // expect-line
	u64 one = 1, *cnt;
	u32 tag;

	if ((void *)trailer < data)
		return XDP_PASS;
	tag = *trailer;
	cnt = bpf_map_lookup_elem(&trailers, &tag);
	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	else
		bpf_map_update_elem(&trailers, &tag, &one, BPF_ANY);
	return XDP_PASS;
}
