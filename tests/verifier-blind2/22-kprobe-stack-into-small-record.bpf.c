// After bcc libbpf-tools' offcputime and libbpf-bootstrap's profile (kernel stacks into ring
// buffer records): the stack is read with the perf limit's size into a record holding fewer frames.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define MAX_STACK_DEPTH 32
#define PERF_MAX_STACK_DEPTH 127

struct event {
	u32 pid;
	int kstack_sz;
	u64 kstack[MAX_STACK_DEPTH];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

SEC("kprobe/do_nanosleep")
int BPF_KPROBE(do_nanosleep)
{
	struct event *e;

	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->kstack_sz = bpf_get_stack(ctx, e->kstack, PERF_MAX_STACK_DEPTH * sizeof(u64), 0); // expect-line
	bpf_ringbuf_submit(e, 0);
	return 0;
}
