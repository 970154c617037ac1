// A task iterator: called once per task (thread) the kernel has, then once with no task.
// Count the threads of the process named "pool" and submit the count at the end.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

__u64 threads;

SEC("iter/task")
int count_pool(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;

	if (!task) {
		SUBMIT_NUM(threads);   /* the walk is over */
		return 0;
	}
	// TODO: count only the tasks whose comm is exactly "pool".
	threads++;
	return 0;
}
