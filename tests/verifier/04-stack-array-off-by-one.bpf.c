// An index checked with > instead of >= reaches one past an array on the stack.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	char name[16] = {};
	u32 idx = bpf_get_prandom_u32();

	if (idx > 16)
		return 0;
	name[idx] = 'x';
	DEBUG_STR("name", name);
	return 0;
}
