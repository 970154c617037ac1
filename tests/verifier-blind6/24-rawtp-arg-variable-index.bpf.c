// A generic raw tracepoint argument sniffer: user space picks, through an array map, which of
// the tracepoint's arguments to report. The index is bounded, but the context of a raw
// tracepoint may only be read at constant offsets, never at a variable one.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, u32);
} which_arg SEC(".maps");

SEC("raw_tp/sys_enter")
int sniff_arg(struct bpf_raw_tracepoint_args *ctx)
{
	u32 zero = 0, *idx;
	u64 val;

	idx = bpf_map_lookup_elem(&which_arg, &zero);
	if (!idx || *idx >= 2)
		return 0;
	val = ctx->args[*idx]; // expect-line
	DEBUG_NUM("arg", val);
	return 0;
}
