// A tracer of write() calls that sends the first bytes written along with the pid, sized to
// the write. Mistake: bpf_ringbuf_reserve() is given a size computed at run time; it must be
// a constant known when the program is loaded.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define MAX_DATA 128

struct event {
	u32 pid;
	u32 len;
	char data[];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_write")
int trace_write(struct trace_event_raw_sys_enter *ctx)
{
	u32 len = ctx->args[2];
	struct event *e;

	if (len > MAX_DATA)
		len = MAX_DATA;
	e = bpf_ringbuf_reserve(&events, sizeof(*e) + len, 0); // expect-line
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->len = len;
	bpf_ringbuf_submit(e, 0);
	return 0;
}
