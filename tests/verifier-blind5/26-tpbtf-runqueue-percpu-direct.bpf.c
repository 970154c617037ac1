// On every context switch, samples how many tasks the CPU's run queue holds and keeps the
// maximum. Mistake: runqueues is a per-CPU kernel variable; the program reads its field
// directly instead of through bpf_this_cpu_ptr(&runqueues) (or bpf_per_cpu_ptr()).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

extern const struct rq runqueues __ksym;

__u32 max_running;

SEC("tp_btf/sched_switch")
int BPF_PROG(on_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	__u32 running = runqueues.nr_running; // expect-line

	if (running > max_running) {
		max_running = running;
		DEBUG_NUM("max running", max_running);
	}
	return 0;
}
