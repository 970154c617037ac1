// A kfunc whose name this kernel does not have (a typo, or one added by a later kernel).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

extern struct task_struct *bpf_task_from_nothing(s32 pid) __ksym;

SEC("tp_btf/sched_process_exec")
int BPF_PROG(on_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	struct task_struct *t = bpf_task_from_nothing(p->tgid);

	if (t)
		DEBUG_NUM("pid", 1);
	return 0;
}
