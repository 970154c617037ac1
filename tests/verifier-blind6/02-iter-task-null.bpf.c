// A task iterator that prints "pid comm" for every task, after the selftests' bpf_iter_task:
// the iterator calls the program one last time with ctx->task == NULL, and the program
// dereferences the task without checking it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("iter/task")
int dump_tasks(struct bpf_iter__task *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	struct task_struct *task = ctx->task;

	if (ctx->meta->seq_num == 0)
		BPF_SEQ_PRINTF(seq, "    pid comm\n");
	BPF_SEQ_PRINTF(seq, "%7d %s\n", task->tgid, task->comm); // expect-line
	return 0;
}
