// A tracepoint program reads the parent's pid straight through the task pointer, as in kernel
// C, instead of with BPF_CORE_READ (a plain tracepoint has no BTF-typed pointers).
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
} parents SEC(".maps");

SEC("tp/sched/sched_process_fork")
int on_fork(void *ctx)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	u32 ppid = task->real_parent->tgid;

	bpf_map_update_elem(&parents, &pid, &ppid, BPF_ANY);
	return 0;
}
