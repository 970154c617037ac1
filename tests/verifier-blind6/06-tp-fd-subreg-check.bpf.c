// Remembers when each fd of a process was last closed, in an array indexed by fd. The fd
// comes from the syscall's 64-bit argument and only its low 32 bits are compared with the
// table size, so the index used for the access is still unbounded.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define MAX_FDS 256

struct fd_times {
	u64 closed_at[MAX_FDS];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, struct fd_times);
} times SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_close")
int on_close(struct trace_event_raw_sys_enter *ctx)
{
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	u64 fd = ctx->args[0];
	struct fd_times *t;

	if ((u32)fd >= MAX_FDS) // expect-line
		return 0;
	t = bpf_map_lookup_elem(&times, &pid);
	if (!t)
		return 0;
	t->closed_at[fd] = bpf_ktime_get_ns();
	DEBUG_NUM("closed fd", fd);
	return 0;
}
