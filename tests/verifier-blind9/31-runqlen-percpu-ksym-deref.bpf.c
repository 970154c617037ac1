// A runqlen-style sampler: at each context switch, the length of this CPU's run queue is
// counted in a histogram. Mistake: runqueues is a per-CPU kernel variable; it is read
// directly instead of through bpf_this_cpu_ptr() / bpf_per_cpu_ptr().
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

extern const struct rq runqueues __ksym;

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 64);
	__type(key, u32);
	__type(value, u64);
} hist SEC(".maps");

SEC("tp_btf/sched_switch")
int BPF_PROG(sched_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	u32 len;
	u64 *cnt;

	len = runqueues.nr_running; // expect-line
	if (len > 63)
		len = 63;
	cnt = bpf_map_lookup_elem(&hist, &len);
	if (cnt)
		*cnt += 1;
	return 0;
}
