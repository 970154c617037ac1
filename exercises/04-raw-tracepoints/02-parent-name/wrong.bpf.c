// A plausible mistake: one step too far up the family, the grandparent (the parent's
// parent) instead of the parent.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp_btf/sched_process_exec")
int BPF_PROG(on_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	const char want[] = "payload";
	char name[16];

	for (int i = 0; i < sizeof(want); i++)
		if (p->comm[i] != want[i])
			return 0;
	bpf_probe_read_kernel_str(name, sizeof(name), p->real_parent->real_parent->comm);
	SUBMIT_STR(name);
	return 0;
}
