// A plausible mistake: counting processes, not threads (only the task whose pid is its
// tgid, the main thread), so pool counts once.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

__u64 threads;

SEC("iter/task")
int count_pool(struct bpf_iter__task *ctx)
{
	const char want[] = "pool";
	struct task_struct *task = ctx->task;

	if (!task) {
		SUBMIT_NUM(threads);
		return 0;
	}
	if (task->pid != task->tgid)
		return 0;
	for (int i = 0; i < sizeof(want); i++)
		if (task->comm[i] != want[i])
			return 0;
	threads++;
	return 0;
}
