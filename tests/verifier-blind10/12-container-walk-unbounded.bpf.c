// Finds a process's container init by walking real_parent until the pid namespace level
// drops: the walk has no iteration bound, so the verifier cannot see it end.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, u32);
	__type(value, u32);
} depth_of SEC(".maps");

SEC("tp/sched/sched_process_exec")
int handle_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	u32 pid = ctx->pid, depth = 0;

	while (task) { // expect-line
		if (BPF_CORE_READ(task, tgid) == 1)
			break;
		task = BPF_CORE_READ(task, real_parent);
		depth++;
	}
	bpf_map_update_elem(&depth_of, &pid, &depth, BPF_ANY);
	return 0;
}
