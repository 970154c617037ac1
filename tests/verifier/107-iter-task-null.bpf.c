// A task iterator that prints each task's pid: the iterator's last call has no task
// (ctx->task is NULL), and the program reads it without a check.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("iter/task")
int list_pids(struct bpf_iter__task *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	struct task_struct *task = ctx->task;

	BPF_SEQ_PRINTF(seq, "%d\n", task->pid);
	return 0;
}
