// After opensnoop-style path filters: only opens of absolute paths are counted; the first
// byte of the user-space path is read by dereferencing the syscall argument.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, u32);
	__type(value, u64);
} abs_opens SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_openat")
int tp_abs_opens(struct trace_event_raw_sys_enter *ctx)
{
	const char *filename = (const char *)ctx->args[1];
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	u64 one = 1, *n;

	if (filename[0] != '/') // expect-line
		return 0;
	n = bpf_map_lookup_elem(&abs_opens, &pid);
	if (n)
		*n += 1;
	else
		bpf_map_update_elem(&abs_opens, &pid, &one, BPF_ANY);
	return 0;
}
