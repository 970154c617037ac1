// After the kernel selftests' bpf_iter_task.c (a task iterator printing tgid and pid): the
// iterator's final call passes a NULL task, and the program dereferences ctx->task unchecked.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";
SEC("iter/task")
int dump_task(struct bpf_iter__task *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	struct task_struct *task = ctx->task;

	if (ctx->meta->seq_num == 0)
		BPF_SEQ_PRINTF(seq, "    tgid      pid\n");
	BPF_SEQ_PRINTF(seq, "%8d %8d\n", task->tgid, task->pid); // expect-line
	return 0;
}
