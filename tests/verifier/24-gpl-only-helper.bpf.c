// A GPL-only helper called from a program whose license is not GPL-compatible.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "Proprietary";

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	char comm[16] = {};
	struct task_struct *task = (void *)bpf_get_current_task();

	bpf_probe_read_kernel(comm, sizeof(comm), &task->comm);
	return comm[0] == 'x';
}
