// A process named "archiver" opens a few files and creates one.  Catch the openat() that
// creates (O_CREAT in its flags) and submit the path it was given.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define O_CREAT 0100   /* octal, as in <fcntl.h> */

SEC("tp/syscalls/sys_enter_openat")
int on_openat(struct trace_event_raw_sys_enter *ctx)
{
	/* openat(dirfd, pathname, flags, mode): ctx->args[0..3] */
	long flags = ctx->args[2];
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	// TODO 1: only archiver's calls, and only those whose flags have O_CREAT.
	DEBUG_NUM("flags", flags);

	// TODO 2: read the path (a user-memory string) into a char array and SUBMIT_STR() it.
	return 0;
}
