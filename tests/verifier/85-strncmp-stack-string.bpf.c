// bpf_strncmp() is given the string to compare with from the stack: it must be a constant.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int on_exec(void *ctx)
{
	char comm[16], want[8] = "bash";

	bpf_get_current_comm(comm, sizeof(comm));
	if (bpf_strncmp(comm, sizeof(want), want) == 0)
		DEBUG_STR("comm", comm);
	return 0;
}
