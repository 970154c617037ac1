// After libbpf-bootstrap's task_iter.bpf.c: the iterator's last call passes a NULL task, and
// the program reads the task without checking.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

SEC("iter/task")
int get_tasks(struct bpf_iter__task *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	struct task_struct *task = ctx->task;
	u32 pid, tgid;

	tgid = task->tgid; // expect-line
	pid = task->pid;
	BPF_SEQ_PRINTF(seq, "%d %d %s\n", tgid, pid, task->comm);
	return 0;
}
