// An execve tracer that copies the first argv string into the event. Mistake: it uses
// bpf_copy_from_user(), a helper that may sleep, in a tracepoint program, which is never
// sleepable (bpf_probe_read_user_str() is the helper for this).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct event {
	u32 pid;
	char arg0[64];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_execve")
int trace_execve(struct trace_event_raw_sys_enter *ctx)
{
	struct event *e;

	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	bpf_copy_from_user(e->arg0, sizeof(e->arg0), (const void *)ctx->args[0]); // expect-line
	bpf_ringbuf_submit(e, 0);
	return 0;
}
