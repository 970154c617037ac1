// A tracer that counts how deep in the process tree each exec'd program sits, walking
// real_parent up to init. Mistake: the walk has no upper bound, so the verifier cannot see
// it end (the loop keeps going until the instruction budget is gone).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, u32);
	__type(value, u32);
} depth SEC(".maps");

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	u32 n = 0;

	while (BPF_CORE_READ(task, pid) != 1) { // expect-line
		task = BPF_CORE_READ(task, real_parent);
		n++;
	}
	bpf_map_update_elem(&depth, &pid, &n, BPF_ANY);
	return 0;
}
