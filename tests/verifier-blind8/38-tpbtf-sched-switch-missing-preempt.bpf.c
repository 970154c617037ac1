// A tp_btf sched_switch program timing how long tasks stay off-CPU. It declares the handler as
// (prev, next), forgetting the tracepoint's leading 'bool preempt' argument, so 'prev' is
// really the bool and dereferencing it fails.
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
	__type(value, u64);
} offcpu_start SEC(".maps");

SEC("tp_btf/sched_switch")
int BPF_PROG(on_switch, struct task_struct *prev, struct task_struct *next)
{
	u64 now = bpf_ktime_get_ns();
	u32 pid = prev->pid; // expect-line

	bpf_map_update_elem(&offcpu_start, &pid, &now, BPF_ANY);
	return 0;
}
