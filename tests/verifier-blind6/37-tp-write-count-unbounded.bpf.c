// Copies what a process writes into a ring buffer record, the first step of a "tee"-like
// tracer: the byte count of write() is passed straight as the copy size, unbounded, while
// the record's data field has a fixed size.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct write_event {
	u32 pid;
	u32 count;
	char data[256];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} tee SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_write")
int tee_write(struct trace_event_raw_sys_enter *ctx)
{
	struct write_event *e;

	if (ctx->args[0] != 1)
		return 0;
	e = bpf_ringbuf_reserve(&tee, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->count = ctx->args[2];
	bpf_probe_read_user(e->data, ctx->args[2], (void *)ctx->args[1]); // expect-line
	bpf_ringbuf_submit(e, 0);
	return 0;
}
