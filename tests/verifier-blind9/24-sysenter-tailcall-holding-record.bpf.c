// A raw sys_enter dispatcher: it reserves an event, fills the common part, then tail-calls
// a per-syscall handler from a program array. Mistake: the tail call happens while the ring
// buffer record is still reserved; the reference would leak since the call never returns.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct event {
	u64 id;
	u32 pid;
	u32 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 512);
	__type(key, u32);
	__type(value, u32);
} handlers SEC(".maps");

SEC("raw_tracepoint/sys_enter")
int sys_enter(struct bpf_raw_tracepoint_args *ctx)
{
	u64 id = ctx->args[1];
	struct event *e;

	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	e->id = id;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->pad = 0;
	bpf_tail_call(ctx, &handlers, id & 511); // expect-line
	bpf_ringbuf_submit(e, 0);
	return 0;
}
