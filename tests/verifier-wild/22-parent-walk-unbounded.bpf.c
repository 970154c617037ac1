// Walking up the process tree to the session leader with no bound on the number of steps.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, u32);
} depth SEC(".maps");

SEC("tp/sched/sched_process_exec")
int tree_depth(void *ctx)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	u32 n = 0;

	while (BPF_CORE_READ(task, tgid) != 1) {
		task = BPF_CORE_READ(task, real_parent);
		n++;
	}
	bpf_map_update_elem(&depth, &pid, &n, BPF_ANY);
	return 0;
}
