// task.bpf.c: the server's compile figure for a program that reads task_struct, whose type
// closure is what makes clang slow (docs/compile.md).  The same as bench_compile.c's.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
char LICENSE[] SEC("license") = "GPL";
SEC("tp/sched/sched_process_exec")
int handle_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	int ppid = BPF_CORE_READ(t, real_parent, tgid);
	bpf_printk("exec %d parent %d", ctx->pid, ppid);
	return 0;
}
