// A tp_btf program "hides" a process by zeroing its pid in the task the tracepoint hands over:
// tracing programs may read the kernel's structures, not write them.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp_btf/sched_process_exec")
int BPF_PROG(hide_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	DEBUG_NUM("pid", p->pid);
	p->pid = 0;
	return 0;
}
