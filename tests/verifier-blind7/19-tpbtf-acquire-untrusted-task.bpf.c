// Records the parent of every process that calls exec, holding a reference to the current task
// with bpf_task_acquire() while it reads it. The mistake: the task pointer comes from
// bpf_get_current_task(), which returns a plain number, not a trusted task pointer; a kfunc
// needs the pointer from bpf_get_current_task_btf().
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
void bpf_task_release(struct task_struct *p) __ksym;

SEC("tp_btf/sched_process_exec")
int BPF_PROG(on_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	struct task_struct *cur, *t;
	__u32 ppid;

	cur = (struct task_struct *)bpf_get_current_task(); // expect-line
	t = bpf_task_acquire(cur);
	if (!t)
		return 0;
	ppid = t->real_parent->tgid;
	bpf_task_release(t);
	DEBUG_NUM("ppid", ppid);
	return 0;
}
