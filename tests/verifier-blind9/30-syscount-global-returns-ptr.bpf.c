// A syscount-style counter: a global helper returns the per-syscall counter (creating it if
// needed) and the tracepoint bumps it. Mistake: a global function may only return a scalar;
// this one returns a pointer to the map value.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct counter {
	u64 count;
	u64 last_ns;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, struct counter);
} counts SEC(".maps");

__noinline struct counter *get_counter(u32 id) // expect-line
{
	struct counter zero = {}, *c;

	c = bpf_map_lookup_elem(&counts, &id);
	if (c)
		return c;
	bpf_map_update_elem(&counts, &id, &zero, BPF_NOEXIST);
	return bpf_map_lookup_elem(&counts, &id);
}

SEC("raw_tracepoint/sys_enter")
int sys_enter(struct bpf_raw_tracepoint_args *ctx)
{
	struct counter *c = get_counter((u32)ctx->args[1]);

	if (!c)
		return 0;
	__sync_fetch_and_add(&c->count, 1);
	c->last_ns = bpf_ktime_get_ns();
	return 0;
}
