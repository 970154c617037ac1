// After the kernel selftests' bpf_iter_task and bpftool's pids iterator: an iter/task program
// reads the task without checking it, but the last call of the iterator passes a NULL task.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

SEC("iter/task")
int dump_task(struct bpf_iter__task *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	struct task_struct *task = ctx->task;
	u32 pid;

	pid = task->pid; // expect-line
	BPF_SEQ_PRINTF(seq, "%8d %s\n", pid, task->comm);
	return 0;
}
