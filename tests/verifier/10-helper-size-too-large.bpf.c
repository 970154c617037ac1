// A helper asked to write more bytes than the buffer holds.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	char comm[16] = {};
	struct task_struct *task = (void *)bpf_get_current_task();

	bpf_probe_read_kernel(comm, 32, &task->comm);
	DEBUG_STR("comm", comm);
	return 0;
}
