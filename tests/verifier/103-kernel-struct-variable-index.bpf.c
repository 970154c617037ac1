// Samples one random character of the command name of every new program, straight from the task
// struct: a variable index into a kernel struct's array is refused.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp_btf/sched_process_exec")
int BPF_PROG(on_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	u32 i = bpf_get_prandom_u32() & 15;
	char ch = p->comm[i];

	DEBUG_NUM("char", ch);
	return 0;
}
