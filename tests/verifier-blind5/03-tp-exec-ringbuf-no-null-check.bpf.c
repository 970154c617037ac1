// Sends an event with the pid and command of every exec() to user space through its own ring
// buffer. Mistake: bpf_ringbuf_reserve() may return NULL (the buffer is full) and the event
// is filled without checking.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct exec_event {
	__u32 pid;
	__u32 ppid;
	char comm[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

SEC("tp/sched/sched_process_exec")
int on_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	struct exec_event *e;

	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	e->pid = bpf_get_current_pid_tgid() >> 32; // expect-line
	e->ppid = 0;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	bpf_ringbuf_submit(e, 0);
	DEBUG_NUM("exec", ctx->pid);
	return 0;
}
