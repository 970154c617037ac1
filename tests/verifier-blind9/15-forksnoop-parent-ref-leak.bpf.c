// A fork tracer that, for each new task, looks up the parent by pid to record the parent's
// comm alongside the child's. Mistake: the task reference from bpf_task_from_pid() is not
// released on the path that skips kernel threads.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct task_struct *bpf_task_from_pid(s32 pid) __ksym;
void bpf_task_release(struct task_struct *p) __ksym;

struct event {
	u32 pid;
	u32 ppid;
	char comm[16];
	char pcomm[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

SEC("tp_btf/sched_process_fork")
int BPF_PROG(handle_fork, struct task_struct *parent, struct task_struct *child)
{
	struct task_struct *p;
	struct event *e;

	p = bpf_task_from_pid(parent->tgid);
	if (!p)
		return 0;
	if (p->flags & 0x00200000 /* PF_KTHREAD */)
		return 0; // expect-line
	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (e) {
		e->pid = child->pid;
		e->ppid = p->tgid;
		bpf_probe_read_kernel_str(e->comm, sizeof(e->comm), child->comm);
		bpf_probe_read_kernel_str(e->pcomm, sizeof(e->pcomm), p->comm);
		bpf_ringbuf_submit(e, 0);
	}
	bpf_task_release(p);
	return 0;
}
