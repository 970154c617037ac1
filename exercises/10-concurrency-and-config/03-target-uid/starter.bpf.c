// The loader puts in target_uid the user id one of the processes named "worker" runs as,
// before loading; count that process's read() calls and submit the count when it exits.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

const volatile __u32 target_uid = 0;   /* set by the loader, before the verifier sees it */

__u64 reads;

SEC("tp/syscalls/sys_enter_read")
int on_read(void *ctx)
{
	const char want[] = "worker";
	char comm[16];

	// TODO: count only the reads of the worker running as user target_uid: every worker
	// has the same name.
	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	__sync_fetch_and_add(&reads, 1);
	return 0;
}

SEC("tp/sched/sched_process_exit")
int on_exit(void *ctx)
{
	__u64 id = bpf_get_current_pid_tgid();

	/* the main thread (its thread id is the process id) leaves last */
	if ((__u32)bpf_get_current_uid_gid() != target_uid || id >> 32 != (__u32)id)
		return 0;
	SUBMIT_NUM(reads);
	return 0;
}
