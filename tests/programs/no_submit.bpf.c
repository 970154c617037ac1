// Loads, attaches, runs, but never submits: verdict NO_SUBMIT.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	u32 pid = bpf_get_current_pid_tgid() >> 32;

	DEBUG_NUM("pid", pid);
	return 0;
}
