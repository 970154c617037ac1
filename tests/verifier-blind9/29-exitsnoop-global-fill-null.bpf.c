// An exitsnoop-style tracer: at process exit an event is filled by a global (non-static)
// helper function and sent. Mistake: the verifier checks a global function on its own, so its
// pointer argument may be NULL; the function writes through it without checking.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct event {
	u32 pid;
	int exit_code;
	u64 ts;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(u32));
	__uint(value_size, sizeof(u32));
} events SEC(".maps");

__noinline int fill_event(struct event *e, u32 pid, int code)
{
	e->pid = pid; // expect-line
	e->exit_code = code;
	e->ts = bpf_ktime_get_ns();
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(handle_exit, struct task_struct *p)
{
	struct event e = {};

	if (p->pid != p->tgid)
		return 0;
	fill_event(&e, p->tgid, p->exit_code >> 8);
	bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &e, sizeof(e));
	return 0;
}
