// An offcputime-style filter written for older kernels: only tasks switched out while
// sleeping (state TASK_INTERRUPTIBLE) get a start timestamp. Mistake: the CO-RE read names
// task_struct's old field "state" with no fallback to "__state"; the field does not exist on
// these kernels, so libbpf cannot relocate the access and poisons it.
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
	__type(value, u64);
} start SEC(".maps");

SEC("tp_btf/sched_switch")
int BPF_PROG(sched_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	struct task_struct___old *old = (void *)prev;
	u32 pid = prev->pid;
	u64 ts;
	long state;

	state = BPF_CORE_READ(old, state); // expect-line
	if (state != 1)
		return 0;
	ts = bpf_ktime_get_ns();
	bpf_map_update_elem(&start, &pid, &ts, BPF_ANY);
	return 0;
}
