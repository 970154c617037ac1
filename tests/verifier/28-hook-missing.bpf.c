// A tracepoint that does not exist: the program loads, attaching it fails.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec_typo")
int handle_exec(void *ctx)
{
	return 0;
}
