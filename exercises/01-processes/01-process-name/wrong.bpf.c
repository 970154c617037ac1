// A plausible mistake: filtering correctly, but submitting the parent's name instead of the
// process's own (it walks task->real_parent->comm).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int on_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	char comm[16], parent[16];
	const char prefix[] = "secret_";

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(prefix) - 1; i++)
		if (comm[i] != prefix[i])
			return 0;
	BPF_CORE_READ_STR_INTO(&parent, task, real_parent, comm);
	SUBMIT_STR(parent);
	return 0;
}
