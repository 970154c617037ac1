// Reference solution: on every exec, read the new program's name and submit the one that
// starts with "secret_".
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int on_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	char comm[16];
	const char prefix[] = "secret_";

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(prefix) - 1; i++)
		if (comm[i] != prefix[i])
			return 0;
	SUBMIT_STR(comm);
	return 0;
}
