// Watches process creation with tp_btf/sched_process_fork and keeps a reference to the parent
// task while it inspects it, as in the kernel's task_kfunc selftests. The mistake: the task
// acquired with bpf_task_acquire() is released on one path but not when the child is a thread.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
void bpf_task_release(struct task_struct *p) __ksym;

__u64 forks;

SEC("tp_btf/sched_process_fork")
int BPF_PROG(on_fork, struct task_struct *parent, struct task_struct *child)
{
	struct task_struct *p;

	p = bpf_task_acquire(parent);
	if (!p)
		return 0;
	if (child->tgid == p->tgid)
		return 0; // expect-line
	__sync_fetch_and_add(&forks, 1);
	bpf_task_release(p);
	return 0;
}
