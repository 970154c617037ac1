// After the kernel selftests' task kfunc programs (task_kfunc_success.c): the parent is acquired
// to be kept a moment, and the release is then called on the tracepoint's own pointer.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;

u64 forks_seen;

SEC("tp_btf/sched_process_fork")
int BPF_PROG(on_fork, struct task_struct *parent, struct task_struct *child)
{
	struct task_struct *held;

	held = bpf_task_acquire(parent);
	if (!held)
		return 0;
	if (held->tgid == child->tgid)
		__sync_fetch_and_add(&forks_seen, 1);
	bpf_task_release(parent); // expect-line
	return 0;
}
