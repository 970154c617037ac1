// On every exec, walks the chain of parents up to init to find out how deep in the process
// tree the new program runs (Tracee-style ancestry). The mistake: the walk loops until it
// reaches pid 1 with no upper bound on the number of steps, so the verifier cannot prove the
// loop ends (bound it, e.g. for (i = 0; i < MAX_DEPTH; i++)).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("raw_tp/sched_process_exec")
int exec_depth(struct bpf_raw_tracepoint_args *ctx)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	__u32 depth = 0;
	int pid;

	pid = BPF_CORE_READ(t, tgid);
	while (pid > 1) { // expect-line
		t = BPF_CORE_READ(t, real_parent);
		pid = BPF_CORE_READ(t, tgid);
		depth++;
	}
	DEBUG_NUM("depth", depth);
	return 0;
}
