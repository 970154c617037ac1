// Remembers, per CPU slot, the last task that exec'd, stashing it as a kptr in a map so a
// later program can inspect it. Mistake: the task given to bpf_kptr_xchg() is the plain
// pointer from bpf_get_current_task_btf(), not a reference taken with bpf_task_acquire().
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
void bpf_task_release(struct task_struct *p) __ksym;

struct stash {
	struct task_struct __kptr *task;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct stash);
} last_exec SEC(".maps");

SEC("tp_btf/sched_process_exec")
int BPF_PROG(handle_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	struct task_struct *cur = bpf_get_current_task_btf(), *old;
	struct stash *s;
	u32 zero = 0;

	s = bpf_map_lookup_elem(&last_exec, &zero);
	if (!s)
		return 0;
	old = bpf_kptr_xchg(&s->task, cur); // expect-line
	if (old)
		bpf_task_release(old);
	return 0;
}
