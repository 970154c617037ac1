// exec_ok: on each exec inside the run, show the pid and submit the program's name.
#include "common.h"
#include "dojo.h"

SEC("tp/sched/sched_process_exec")
int on_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	char comm[16];
	__u32 pid = bpf_get_current_pid_tgid() >> 32;

	if (!in_run())
		return 0;
	bpf_get_current_comm(comm, sizeof(comm));
	DEBUG_NUM("pid", pid);
	SUBMIT_STR(comm);
	return 0;
}
