// warm.bpf.c: the program the micro-VM's agent loads and attaches once before its snapshot
// (see vm.c), shaped like a learner's: a tracepoint, the dojo ring buffer, a CO-RE read.
// It never runs a job's workload; it only makes libbpf and the kernel do their first load.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int warm_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	int tgid = BPF_CORE_READ(task, tgid);
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	if (tgid == 0)
		SUBMIT_STR(comm);
	return 0;
}
