// A plausible mistake: filtering when submitting but not when counting, so every process's
// writes are in the count.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

__u64 writes;

static __always_inline int is_counter(void)
{
	const char want[] = "counter";
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	return 1;
}

SEC("tp/syscalls/sys_enter_write")
int on_write(void *ctx)
{
	__sync_fetch_and_add(&writes, 1);
	return 0;
}

SEC("tp/sched/sched_process_exit")
int on_exit(void *ctx)
{
	if (is_counter())
		SUBMIT_NUM(writes);
	return 0;
}
