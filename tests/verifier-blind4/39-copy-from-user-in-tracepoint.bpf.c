// After tracee-style argument capture: a struct passed to the syscall is copied with
// bpf_copy_from_user from a classic, non-sleepable tracepoint.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, struct __kernel_timespec);
} sleeps SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_nanosleep")
int tp_nanosleep(struct trace_event_raw_sys_enter *ctx)
{
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	struct __kernel_timespec ts;

	if (bpf_copy_from_user(&ts, sizeof(ts), (const void *)ctx->args[0])) // expect-line
		return 0;
	bpf_map_update_elem(&sleeps, &pid, &ts, BPF_ANY);
	return 0;
}
