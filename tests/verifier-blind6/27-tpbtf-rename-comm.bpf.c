// Tries to hide a process by renaming it at exec, writing into task->comm through the typed
// tracepoint argument: pointers to kernel structs in tracing programs are read-only; a BPF
// program may read p->comm but not write it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp_btf/sched_process_exec")
int BPF_PROG(hide_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	if (p->comm[0] != 'm' || p->comm[1] != 'i' || p->comm[2] != 'n' || p->comm[3] != 'e')
		return 0;
	p->comm[0] = 'k'; // expect-line
	SUBMIT_NUM(old_pid);
	return 0;
}
