// Reads the parent of the next task under an explicit RCU read section; the early return for
// the idle task leaves the section open.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

void bpf_rcu_read_lock(void) __ksym;
void bpf_rcu_read_unlock(void) __ksym;

SEC("tp_btf/sched_switch")
int BPF_PROG(on_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	struct task_struct *parent;

	bpf_rcu_read_lock();
	parent = next->real_parent;
	if (!parent || next->pid == 0)
		return 0;
	if (parent->pid == 1)
		DEBUG_NUM("child of init", next->pid);
	bpf_rcu_read_unlock();
	return 0;
}
