// At every fork, looks the parent up by its pid with the bpf_task_from_pid() kfunc and
// reports the parent's command. Mistake: bpf_task_from_pid() returns an acquired task
// reference, and the program never calls bpf_task_release() on it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct task_struct *bpf_task_from_pid(s32 pid) __ksym;
void bpf_task_release(struct task_struct *p) __ksym;

SEC("tp_btf/sched_process_fork")
int BPF_PROG(on_fork, struct task_struct *parent, struct task_struct *child)
{
	struct task_struct *p;
	char comm[16];

	p = bpf_task_from_pid(parent->tgid);
	if (!p)
		return 0;
	__builtin_memcpy(comm, p->comm, sizeof(comm));
	DEBUG_STR("parent", comm);
	return 0; // expect-line
}
