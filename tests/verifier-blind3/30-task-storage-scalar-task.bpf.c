// After the kernel selftests' task_local_storage programs: the task for bpf_task_storage_get() is
// taken from bpf_get_current_task(), a plain number, where bpf_get_current_task_btf() is needed.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

struct exec_count {
	u64 n;
};

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct exec_count);
} execs SEC(".maps");

SEC("tp_btf/sched_process_exec")
int BPF_PROG(count_execs, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	struct exec_count *c;

	c = bpf_task_storage_get(&execs, task, 0, BPF_LOCAL_STORAGE_GET_F_CREATE); // expect-line
	if (c)
		c->n++;
	return 0;
}
