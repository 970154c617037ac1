// After a configurable syscall filter: which argument to match is read from a map and used as
// an index into the tracepoint context.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct config {
	u32 argn;
	u64 value;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct config);
} cfg SEC(".maps");

u64 hits;

SEC("tp/syscalls/sys_enter_openat")
int filter_arg(struct trace_event_raw_sys_enter *ctx)
{
	u32 key = 0;
	struct config *c = bpf_map_lookup_elem(&cfg, &key);

	if (!c || c->argn > 5)
		return 0;
	if (ctx->args[c->argn] == c->value) // expect-line
		__sync_fetch_and_add(&hits, 1);
	return 0;
}
