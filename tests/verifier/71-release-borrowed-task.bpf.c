// A task found by pid is acquired (bpf_task_from_pid), but the release is given the current
// task, which the program only borrowed.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

extern struct task_struct *bpf_task_from_pid(s32 pid) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;

SEC("tp_btf/sched_process_exec")
int BPF_PROG(on_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	struct task_struct *parent, *me = bpf_get_current_task_btf();

	parent = bpf_task_from_pid(me->real_parent->tgid);
	if (!parent)
		return 0;
	DEBUG_NUM("parent", parent->pid);
	bpf_task_release(me);
	return 0;
}
