// After bpf_loop users (selftests/bpf bpf_loop, iterating over a fixed table): the callback
// returns the running count instead of 0 (continue) or 1 (stop).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct loop_ctx {
	u64 value;
	u32 matches;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 64);
	__type(key, u32);
	__type(value, u64);
} table SEC(".maps");

static long match_one(u64 index, struct loop_ctx *lc)
{
	u32 key = index;
	u64 *v = bpf_map_lookup_elem(&table, &key);

	if (v && *v == lc->value)
		lc->matches++;
	return lc->matches; // expect-line
}

SEC("tracepoint/syscalls/sys_enter_kill")
int tp_kill_matches(struct trace_event_raw_sys_enter *ctx)
{
	struct loop_ctx lc = { .value = ctx->args[0] };
	u32 zero = 0;

	bpf_loop(64, match_one, &lc, 0);
	bpf_map_update_elem(&table, &zero, &lc.value, BPF_ANY);
	return 0;
}
