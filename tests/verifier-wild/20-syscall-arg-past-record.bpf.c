// Reading a sixth argument of openat, which has four: past the end of the tracepoint record.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"   /* the size of the record is checked at attach: load it with dojo.h */
char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, u64);
} modes SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_openat")
int on_openat(struct trace_event_raw_sys_enter *ctx)
{
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	u64 mode = ctx->args[5];

	bpf_map_update_elem(&modes, &pid, &mode, BPF_ANY);
	return 0;
}
