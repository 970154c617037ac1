// Records, at each exec, the thread-group leader's comm read under bpf_rcu_read_lock().
// Mistake: the early return taken when the leader is the task itself leaves the RCU read
// section open.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

void bpf_rcu_read_lock(void) __ksym;
void bpf_rcu_read_unlock(void) __ksym;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, u32);
} leaders SEC(".maps");

SEC("tp_btf/sched_process_exec")
int BPF_PROG(handle_exec, struct task_struct *p)
{
	struct task_struct *leader;
	u32 pid = p->pid, lpid;

	bpf_rcu_read_lock();
	leader = p->group_leader;
	if (!leader || leader == p)
		return 0; // expect-line
	lpid = leader->pid;
	bpf_rcu_read_unlock();
	bpf_map_update_elem(&leaders, &pid, &lpid, BPF_ANY);
	return 0;
}
