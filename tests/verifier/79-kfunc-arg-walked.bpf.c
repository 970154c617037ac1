// A task pointer read from a field of the traced task (last_wakee) is acquired: the verifier
// trusts the tracepoint's own argument, not what is read through it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;

SEC("tp_btf/sched_process_exec")
int BPF_PROG(on_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	struct task_struct *w = bpf_task_acquire(p->last_wakee);

	if (!w)
		return 0;
	DEBUG_NUM("pid", w->pid);
	bpf_task_release(w);
	return 0;
}
