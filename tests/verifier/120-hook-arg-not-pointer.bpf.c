// Logs the file each exec runs, but declares sched_process_exec's arguments as (p, bprm): the
// tracepoint passes (p, old_pid, bprm), so `bprm` is really old_pid, a number.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp_btf/sched_process_exec")
int BPF_PROG(on_exec, struct task_struct *p, struct linux_binprm *bprm)
{
	const char *file = bprm->filename;

	DEBUG_NUM("file", (u64)file);
	return 0;
}
