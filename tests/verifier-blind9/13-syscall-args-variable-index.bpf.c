// A tracer that records one chosen argument of the ioctl() syscall (which one is set from
// user space) into a per-pid map. Mistake: ctx->args[] is indexed by a run-time variable;
// the context may only be read at offsets known when the program is loaded.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

u32 arg_index = 1; /* set by the loader, may change while running */

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, u32);
	__type(value, u64);
} last_arg SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_ioctl")
int trace_ioctl(struct trace_event_raw_sys_enter *ctx)
{
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	u32 i = arg_index;
	u64 v;

	if (i >= 6)
		return 0;
	v = ctx->args[i]; // expect-line
	bpf_map_update_elem(&last_arg, &pid, &v, BPF_ANY);
	return 0;
}
