// After the kernel selftests' task_kfunc_success programs: a task taken with bpf_task_acquire()
// is released on the normal path but not on the early return for kernel threads.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, u32);
	__type(value, u64);
} new_tasks SEC(".maps");

#define PF_KTHREAD 0x00200000

SEC("tp_btf/task_newtask")
int BPF_PROG(track_newtask, struct task_struct *task, u64 clone_flags)
{
	struct task_struct *held;
	u64 flags = clone_flags;
	u32 pid;

	held = bpf_task_acquire(task);
	if (!held)
		return 0;
	if (held->flags & PF_KTHREAD)
		return 0; // expect-line
	pid = held->pid;
	bpf_map_update_elem(&new_tasks, &pid, &flags, BPF_ANY);
	bpf_task_release(held);
	return 0;
}
