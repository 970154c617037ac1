// Count the write() calls of the process named "counter" and submit the count when it exits.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

__u64 writes;   /* a global: kept between runs of the programs, zero at load */

SEC("tp/syscalls/sys_enter_write")
int on_write(void *ctx)
{
	// TODO 1: count only counter's writes (its comm is exactly "counter").
	__sync_fetch_and_add(&writes, 1);
	return 0;
}

SEC("tp/sched/sched_process_exit")
int on_exit(void *ctx)
{
	// TODO 2: when counter exits, SUBMIT_NUM(writes).
	return 0;
}
