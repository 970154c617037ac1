// A task iterator that prints every user-space thread (pid, tgid, comm) to the seq file and
// counts them. Mistake: ctx->task is NULL on the iterator's last call, and the program reads
// task->flags without checking it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define PF_KTHREAD 0x00200000

__u64 user_tasks;

SEC("iter/task")
int dump_tasks(struct bpf_iter__task *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	struct task_struct *task = ctx->task;

	if (task->flags & PF_KTHREAD) // expect-line
		return 0;
	user_tasks++;
	BPF_SEQ_PRINTF(seq, "%d %d %s\n", task->pid, task->tgid, task->comm);
	if (ctx->meta->seq_num == 0)
		DEBUG_NUM("first pid", task->pid);
	return 0;
}
