// A CO-RE read of a field this kernel's struct does not have.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct task_struct___old {
	long state_old;
} __attribute__((preserve_access_index));

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	struct task_struct___old *task = (void *)bpf_get_current_task();
	long state = BPF_CORE_READ(task, state_old);

	DEBUG_NUM("state", state);
	return 0;
}
