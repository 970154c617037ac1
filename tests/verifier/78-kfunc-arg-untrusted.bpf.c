// The current task is taken with bpf_get_current_task(), which returns a number, and handed
// to a kfunc that wants a task pointer the verifier can trust.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;

SEC("tp/sched/sched_process_exec")
int on_exec(void *ctx)
{
	struct task_struct *me = (struct task_struct *)bpf_get_current_task();
	struct task_struct *t = bpf_task_acquire(me);

	if (!t)
		return 0;
	DEBUG_NUM("pid", t->pid);
	bpf_task_release(t);
	return 0;
}
