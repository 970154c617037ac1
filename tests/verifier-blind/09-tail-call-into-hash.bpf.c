// After the kernel's samples/bpf tail-call parsers: the jump table is declared as a hash map
// instead of a program array.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, u32);
	__type(value, u32);
} jmp_table SEC(".maps");

SEC("xdp")
int xdp_dispatch(struct xdp_md *ctx)
{
	u32 idx = ctx->rx_queue_index & 7;

	bpf_tail_call(ctx, &jmp_table, idx); // expect-line
	return XDP_PASS;
}
