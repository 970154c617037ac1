// After CO-RE code meant for old and new kernels (the "___old" flavours of bcc libbpf-tools'
// core_fixes.bpf.h): task_struct's state, renamed __state in 5.14, is read without first
// checking which of the two fields this kernel has.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct task_struct___old {
	long state;
} __attribute__((preserve_access_index));

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, u32);
	__type(value, long);
} prev_state SEC(".maps");

SEC("raw_tp/sched_switch")
int BPF_PROG(on_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	u32 pid = BPF_CORE_READ(prev, pid);
	long state;

	state = BPF_CORE_READ((struct task_struct___old *)prev, state); // expect-line
	bpf_map_update_elem(&prev_state, &pid, &state, BPF_ANY);
	return 0;
}
