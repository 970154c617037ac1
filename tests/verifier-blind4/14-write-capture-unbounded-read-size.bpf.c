// After tracee/sysdig-style write() capture: the first bytes of every write(2) buffer copied
// into an event; the copy length is the syscall count argument, never bounded.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define MAX_DATA 256

struct event {
	u32 pid;
	u32 len;
	char data[MAX_DATA];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 20);
} events SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_write")
int tp_capture_write(struct trace_event_raw_sys_enter *ctx)
{
	struct event *e;
	u32 count = (u32)ctx->args[2];

	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->len = count;
	bpf_probe_read_user(e->data, count, (const void *)ctx->args[1]); // expect-line
	bpf_ringbuf_submit(e, 0);
	return 0;
}
