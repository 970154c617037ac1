// Find the secret process: it runs once while your program is loaded, and its name
// (its "comm") starts with "secret_".  Submit that name with SUBMIT_STR().
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int on_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	DEBUG_STR("exec", comm);

	// TODO: every program started on the machine lands here.  Keep only the one whose
	// name starts with "secret_", and SUBMIT_STR(comm) it.
	return 0;
}
