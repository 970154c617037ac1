// A helper's size argument that is never bounded.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	char buf[64];
	u32 len = bpf_get_prandom_u32();
	struct task_struct *task = (void *)bpf_get_current_task();

	bpf_probe_read_kernel(buf, len, &task->comm);
	DEBUG_STR("comm", buf);
	return 0;
}
