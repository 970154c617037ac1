// "payload" is started by a process named "launch_NNNNNN".  With tp_btf the tracepoint's
// arguments are typed: walk from the exec'ing task to its parent and submit the parent's name.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp_btf/sched_process_exec")
int BPF_PROG(on_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	char name[16];

	bpf_probe_read_kernel_str(name, sizeof(name), p->comm);
	DEBUG_STR("exec", name);

	// TODO 1: return unless p->comm is exactly "payload".
	// TODO 2: copy the parent's comm (p->real_parent) into a char array and SUBMIT_STR() it.
	return 0;
}
