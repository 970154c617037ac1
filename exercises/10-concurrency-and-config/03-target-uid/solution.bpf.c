// Reference solution: the loader sets target_uid before loading; every read() made as that
// user (by any thread of the worker running as it) is counted, and the count submitted when
// its main thread exits.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

const volatile __u32 target_uid = 0;   /* set by the loader, before the verifier sees it */

__u64 reads;

SEC("tp/syscalls/sys_enter_read")
int on_read(void *ctx)
{
	__u32 uid = bpf_get_current_uid_gid();   /* the lower half */

	if (uid != target_uid)
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
