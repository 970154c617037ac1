// A plausible mistake: a buffer sized for "a short name" (char path[8]): the helper cuts the
// path to 7 characters and a NUL, and the submitted name is not the file's.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define O_CREAT 0100

SEC("tp/syscalls/sys_enter_openat")
int on_openat(struct trace_event_raw_sys_enter *ctx)
{
	const char want[] = "archiver";
	long flags = ctx->args[2];
	char comm[16], path[8];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	if (!(flags & O_CREAT))
		return 0;
	if (bpf_probe_read_user_str(path, sizeof(path), (const char *)ctx->args[1]) < 0)
		return 0;
	SUBMIT_STR(path);
	return 0;
}
