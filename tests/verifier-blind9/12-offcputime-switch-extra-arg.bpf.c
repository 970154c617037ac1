// An offcputime-style tool: at each context switch the time the outgoing task went off-CPU
// is stored, and the CPU is recorded. Mistake: the tp_btf handler declares a fifth argument
// (cpu) that the sched_switch tracepoint does not have, and reads it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct val {
	u64 ts;
	u32 cpu;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, u32);
	__type(value, struct val);
} start SEC(".maps");

SEC("tp_btf/sched_switch")
int BPF_PROG(sched_switch, bool preempt, struct task_struct *prev, struct task_struct *next,
	     unsigned int prev_state, int cpu)
{
	struct val v = {};
	u32 pid = prev->pid;

	v.ts = bpf_ktime_get_ns();
	v.cpu = cpu; // expect-line
	bpf_map_update_elem(&start, &pid, &v, BPF_ANY);
	return 0;
}
