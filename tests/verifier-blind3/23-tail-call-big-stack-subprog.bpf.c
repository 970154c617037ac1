// After the kernel selftests' tailcall_bpf2bpf tests and xdp dispatchers: the entry function
// keeps a large stack buffer and then calls a helper function that does the tail call, but a tail
// call from a subprogram is only allowed while the frames above it use less than 256 bytes of
// stack.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 8);
	__type(key, u32);
	__type(value, u32);
} jmp_table SEC(".maps");

static __noinline int dispatch(struct xdp_md *ctx, u32 proto)
{
	bpf_tail_call(ctx, &jmp_table, proto & 7); // expect-line
	return XDP_PASS;
}

SEC("xdp")
int xdp_dispatch(struct xdp_md *ctx)
{
	char scratch[300];
	long n;

	n = bpf_xdp_load_bytes(ctx, 0, scratch, sizeof(scratch));
	if (n < 0)
		return XDP_PASS;
	return dispatch(ctx, scratch[23]) == XDP_PASS && scratch[299] ? XDP_PASS : XDP_DROP;
}
