// tp_btf on sched_process_exec(p, old_pid, bprm), declared with a fourth argument that the
// tracepoint does not pass.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp_btf/sched_process_exec")
int BPF_PROG(on_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm,
	     int flags)
{
	if (flags)
		DEBUG_NUM("old pid", old_pid);
	return 0;
}
