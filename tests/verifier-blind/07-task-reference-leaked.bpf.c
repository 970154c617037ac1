// After the kernel selftests' task kfunc programs: a task found by pid is acquired and never
// released.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

extern struct task_struct *bpf_task_from_pid(s32 pid) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;

u64 seen_start;

SEC("tp_btf/sched_process_fork")
int BPF_PROG(on_fork, struct task_struct *parent, struct task_struct *child)
{
	struct task_struct *t;

	t = bpf_task_from_pid(parent->pid); // expect-line
	if (!t)
		return 0;
	seen_start = t->start_time;
	return 0;
}
