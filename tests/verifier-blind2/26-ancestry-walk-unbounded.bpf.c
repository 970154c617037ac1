// After tetragon-style process ancestry walks: at exec, the parent chain is followed up to the
// child of init with no bound on the number of steps.
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
} session_of SEC(".maps");

SEC("tp/sched/sched_process_exec")
int on_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	u32 top = pid, ppid;

	ppid = BPF_CORE_READ(task, real_parent, tgid);
	while (ppid > 1) { // expect-line
		task = BPF_CORE_READ(task, real_parent);
		top = BPF_CORE_READ(task, tgid);
		ppid = BPF_CORE_READ(task, real_parent, tgid);
	}
	bpf_map_update_elem(&session_of, &pid, &top, BPF_ANY);
	return 0;
}
