// After bcc-style per-cgroup accounting with a locked map value: a tracepoint program takes a
// bpf_spin_lock, which tracing programs may not use (per-CPU maps or atomics are the way).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct acct {
	struct bpf_spin_lock lock;
	u64 calls;
	u64 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u64);
	__type(value, struct acct);
} by_cgroup SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_write")
int account_write(struct trace_event_raw_sys_enter *ctx)
{
	u64 cg = bpf_get_current_cgroup_id();
	struct acct *a = bpf_map_lookup_elem(&by_cgroup, &cg);

	if (!a)
		return 0;
	bpf_spin_lock(&a->lock); // expect-line
	a->calls++;
	a->bytes += ctx->args[2];
	bpf_spin_unlock(&a->lock);
	return 0;
}
