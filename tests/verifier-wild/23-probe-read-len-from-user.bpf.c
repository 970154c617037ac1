// Copying a write()'s buffer with the length the syscall got: the size is not bounded.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
char LICENSE[] SEC("license") = "GPL";

struct event {
	u32 pid;
	u32 len;
	char data[256];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 20);
} events SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_write")
int on_write(struct trace_event_raw_sys_enter *ctx)
{
	struct event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	u32 len = ctx->args[2];

	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->len = len;
	bpf_probe_read_user(e->data, len, (void *)ctx->args[1]);
	bpf_ringbuf_submit(e, 0);
	return 0;
}
