// A helper's size argument that may be zero where the helper needs at least one byte.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	char comm[16] = {};
	u32 len = bpf_get_prandom_u32() & 15;

	bpf_get_current_comm(comm, len);
	DEBUG_STR("comm", comm);
	return 0;
}
