// An iterator that prints one line per task and submits nothing: the agent must read it (the
// walk happens only then) and show what it printed in a log line.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("iter/task")
int walk(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;

	if (task && task->pid == task->tgid)
		BPF_SEQ_PRINTF(ctx->meta->seq, "task-seen %d\n", task->pid);
	return 0;
}
