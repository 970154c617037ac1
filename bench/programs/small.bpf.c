// small.bpf.c: the "small program" of the server's compile figures (bench_server.sh): one
// tracepoint, no kernel struct.  The same program bench_compile.c compiles in-process.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
SEC("tracepoint/sched/sched_process_exec")
int handle_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	bpf_printk("exec %d", ctx->pid);
	return 0;
}
