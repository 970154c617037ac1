// A sched_process_exit tracepoint program that records each exiting process's parent tgid. It
// takes bpf_get_current_task() (a plain integer to the verifier) and dereferences it like a
// BTF pointer instead of reading through BPF_CORE_READ().
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8192);
	__type(key, u32);
	__type(value, u32);
} exit_ppid SEC(".maps");

SEC("tracepoint/sched/sched_process_exit")
int tp_exit_ppid(void *ctx)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	u32 ppid;

	ppid = task->real_parent->tgid; // expect-line
	bpf_map_update_elem(&exit_ppid, &pid, &ppid, BPF_ANY);
	return 0;
}
