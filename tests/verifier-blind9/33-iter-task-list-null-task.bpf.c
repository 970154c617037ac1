// A BPF task iterator that prints one line per task (pid, state, comm), like a tiny ps.
// Mistake: the iterator calls the program a last time with ctx->task == NULL; the task is
// used without checking it.
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
	u32 pid;

	pid = task->pid; // expect-line
	BPF_SEQ_PRINTF(seq, "%8d %8u %16s\n", pid, task->__state, task->comm);
	return 0;
}
