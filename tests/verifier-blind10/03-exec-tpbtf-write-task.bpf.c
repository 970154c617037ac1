// A tp_btf handler on sched_process_exec that tags exec'd tasks: it sets a bit in the
// task's flags through the BTF pointer, which tracing programs may only read.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";
#define PF_TAGGED 0x00000400

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, u64);
} execs SEC(".maps");

SEC("tp_btf/sched_process_exec")
int BPF_PROG(handle_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	u32 pid = p->pid;
	u64 ts = bpf_ktime_get_ns();

	bpf_map_update_elem(&execs, &pid, &ts, BPF_ANY);
	p->flags |= PF_TAGGED; // expect-line
	return 0;
}
