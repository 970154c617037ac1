// On every context switch, looks at the group leader of the next task under an explicit RCU
// read section (bpf_rcu_read_lock kfunc), as in the rcu_read_lock selftests. The mistake: the
// early return for kernel threads leaves the RCU read section without bpf_rcu_read_unlock().
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

void bpf_rcu_read_lock(void) __ksym;
void bpf_rcu_read_unlock(void) __ksym;

#define PF_KTHREAD 0x00200000

__u64 user_switches;

SEC("tp_btf/sched_switch")
int BPF_PROG(on_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	struct task_struct *leader;

	bpf_rcu_read_lock();
	leader = next->group_leader;
	if (!leader)
		goto out;
	if (leader->flags & PF_KTHREAD)
		return 0; // expect-line
	__sync_fetch_and_add(&user_switches, 1);
out:
	bpf_rcu_read_unlock();
	return 0;
}
