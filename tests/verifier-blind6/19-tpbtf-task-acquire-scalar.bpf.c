// At every fork, takes a reference on the current task with the bpf_task_acquire() kfunc to
// read its credentials safely: the task pointer comes from bpf_get_current_task(), which
// returns a plain integer, not a trusted task pointer (bpf_get_current_task_btf() does).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
void bpf_task_release(struct task_struct *p) __ksym;

SEC("tp_btf/sched_process_fork")
int BPF_PROG(on_fork, struct task_struct *parent, struct task_struct *child)
{
	struct task_struct *cur = (struct task_struct *)bpf_get_current_task(); // expect-line
	struct task_struct *t;

	t = bpf_task_acquire(cur);
	if (!t)
		return 0;
	DEBUG_NUM("forking uid", t->cred->uid.val);
	bpf_task_release(t);
	return 0;
}
