// A field that does not exist: a compile error at line 11, column 22.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int handle_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	int pid = ctx->nopid;

	SUBMIT_NUM(pid);
	return 0;
}
