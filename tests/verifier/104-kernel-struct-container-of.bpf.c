// Reports the pid of the first child of a task that forks, walking the kernel's list with
// container_of() from the list_head: a typed kernel pointer may not move before its struct.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define container_of(ptr, type, member) ((type *)((void *)(ptr) - __builtin_offsetof(type, member)))

SEC("tp_btf/sched_process_fork")
int BPF_PROG(on_fork, struct task_struct *parent, struct task_struct *child)
{
	struct list_head *first = parent->children.next;
	struct task_struct *oldest = container_of(first, struct task_struct, sibling);

	DEBUG_NUM("oldest child", oldest->pid);
	return 0;
}
