// An XDP program that measures how often the driver hands over packets whose data pointer is
// not 8-byte aligned, keyed by the misalignment. It masks the packet pointer itself with & 7,
// and bitwise operations on pointers are not allowed.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 8);
	__type(key, u32);
	__type(value, u64);
} align_hist SEC(".maps");

SEC("xdp")
int xdp_align_stats(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	u32 key;
	u64 *cnt;

	key = (unsigned long)data & 7; // expect-line
	cnt = bpf_map_lookup_elem(&align_hist, &key);
	if (cnt)
		*cnt += 1;
	return XDP_PASS;
}
