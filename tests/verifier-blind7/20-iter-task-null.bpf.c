// A task iterator that prints pid and comm of every task, like the kernel's bpf_iter_task
// selftest and the "ps in BPF" examples. The mistake: the iterator calls the program one last
// time with ctx->task == NULL, and the program reads task->pid without checking for that.
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
	static const char fmt[] = "%8d %16s\n";
	__u64 args[2];

	args[0] = task->pid; // expect-line
	args[1] = (__u64)task->comm;
	bpf_seq_printf(seq, fmt, sizeof(fmt), args, sizeof(args));
	return 0;
}
