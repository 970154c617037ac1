// The program "nightly-report-XXXXXXXX" is exec'd once; its comm keeps only 15 characters.
// Read the whole file name from the tracepoint's record and submit its last component.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int on_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	DEBUG_STR("comm", comm);

	// TODO 1: keep only the exec whose comm is "nightly-report-".
	// TODO 2: read the path at (void *)ctx + (ctx->__data_loc_filename & 0xFFFF) with
	//         bpf_probe_read_kernel_str(), keep what follows its last '/', SUBMIT_STR() it.
	return 0;
}
