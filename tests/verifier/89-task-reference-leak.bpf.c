// The parent of each new process is looked up by pid and released at the end, but the early
// return for children of init keeps the reference.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

extern struct task_struct *bpf_task_from_pid(s32 pid) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;

SEC("tp_btf/sched_process_fork")
int BPF_PROG(on_fork, struct task_struct *parent, struct task_struct *child)
{
	struct task_struct *found = bpf_task_from_pid(parent->tgid);

	if (!found)
		return 0;
	if (found->pid == 1)
		return 0;
	DEBUG_NUM("parent", found->pid);
	bpf_task_release(found);
	return 0;
}
