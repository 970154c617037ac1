// A tp_btf sched_process_fork program that records the parent's start time for each new child.
// It takes a reference on the parent with bpf_task_from_pid() and, on the path that skips
// kernel threads, returns without bpf_task_release().
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

extern struct task_struct *bpf_task_from_pid(s32 pid) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;

#define PF_KTHREAD 0x00200000

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8192);
	__type(key, u32);
	__type(value, u64);
} parent_start SEC(".maps");

SEC("tp_btf/sched_process_fork")
int BPF_PROG(on_fork, struct task_struct *parent, struct task_struct *child)
{
	struct task_struct *p;
	u32 child_pid = child->pid;
	u64 start;

	p = bpf_task_from_pid(parent->tgid);
	if (!p)
		return 0;
	if (p->flags & PF_KTHREAD)
		return 0; // expect-line
	start = p->start_time;
	bpf_map_update_elem(&parent_start, &child_pid, &start, BPF_ANY);
	bpf_task_release(p);
	return 0;
}
