// After tracee-style configurable syscall argument capture: which argument to record comes
// from a config map and indexes the tracepoint context directly.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct config {
	u32 arg_index;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct config);
} cfg SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, u64);
} last_arg SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_openat")
int tp_openat_arg(struct trace_event_raw_sys_enter *ctx)
{
	u32 zero = 0, pid = bpf_get_current_pid_tgid() >> 32;
	struct config *c = bpf_map_lookup_elem(&cfg, &zero);
	u64 v;

	if (!c)
		return 0;
	v = ctx->args[c->arg_index & 3]; // expect-line
	bpf_map_update_elem(&last_arg, &pid, &v, BPF_ANY);
	return 0;
}
