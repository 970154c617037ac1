// A plausible mistake: filtering right, then submitting the comm, which the kernel cut to 15
// characters ("nightly-report-"), instead of the file name.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int on_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	const char want[] = "nightly-report-";
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	SUBMIT_STR(comm);
	return 0;
}
