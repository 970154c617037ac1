// A task iterator (like 'cat' on a pinned bpf_iter) printing pid and comm for every task. The
// iterator's last call has ctx->task == NULL, and the program dereferences it unchecked.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

SEC("iter/task")
int dump_tasks(struct bpf_iter__task *ctx)
{
	struct seq_file *seq = ctx->meta->seq;
	struct task_struct *task = ctx->task;

	BPF_SEQ_PRINTF(seq, "%d %s\n", task->pid, task->comm); // expect-line
	return 0;
}
