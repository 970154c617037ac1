// A tracepoint that does not exist (typo): attach fails, verdict LOAD_ERROR.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exek")
int handle_exec(void *ctx)
{
	return 0;
}
