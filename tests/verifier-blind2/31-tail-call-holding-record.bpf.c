// After tail-call dispatchers (samples/bpf sockex3, the tail-call selftests) in a syscall tracer:
// the first stage reserves its ring buffer record, then tail-calls the next stage while holding it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct event {
	u32 pid;
	u32 stage;
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} rb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__type(key, u32);
	__type(value, u32);
} stages SEC(".maps");

SEC("tp/syscalls/sys_enter_openat")
int stage0(struct trace_event_raw_sys_enter *ctx)
{
	struct event *e;

	e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->stage = 0;
	bpf_tail_call(ctx, &stages, 1); // expect-line
	bpf_ringbuf_submit(e, 0);
	return 0;
}
