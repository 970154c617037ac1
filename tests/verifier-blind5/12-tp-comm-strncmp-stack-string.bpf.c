// Counts the files the process named "backup" opens and submits the count when it exits,
// comparing the command with bpf_strncmp(). Mistake: bpf_strncmp()'s third argument must be a
// constant string in read-only data (a global const); here it is a char array on the stack.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

__u64 opens;

static __always_inline int is_backup(void)
{
	char want[] = "backup";
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	return bpf_strncmp(comm, sizeof(want), want) == 0; // expect-line
}

SEC("tp/syscalls/sys_enter_openat")
int on_open(struct trace_event_raw_sys_enter *ctx)
{
	if (is_backup())
		opens++;
	return 0;
}

SEC("tp/sched/sched_process_exit")
int on_exit(void *ctx)
{
	if (is_backup())
		SUBMIT_NUM(opens);
	return 0;
}
