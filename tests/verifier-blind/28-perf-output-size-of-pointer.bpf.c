// After bcc's perf-buffer tools: the event is sent with the size of a pointer's target read
// from the wrong variable, past the stack record.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct event {
	u32 pid;
	u32 tid;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(u32));
	__uint(value_size, sizeof(u32));
} events SEC(".maps");

SEC("tp/syscalls/sys_enter_kill")
int on_kill(struct trace_event_raw_sys_enter *ctx)
{
	struct event e = {};
	u64 id = bpf_get_current_pid_tgid();

	e.pid = id >> 32;
	e.tid = (u32)id;
	bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &e, sizeof(*ctx)); // expect-line
	return 0;
}
