// A plausible mistake: any file opened with O_CREAT, so the first created file (a draft or a
// log) is submitted, not the one created exclusively.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define O_CREAT 0x40
#define O_EXCL  0x80

__u32 submitted;   /* one answer only */

SEC("tp/syscalls/sys_enter_openat")
int on_openat(struct trace_event_raw_sys_enter *ctx)
{
	const char want[] = "opener";
	long flags = ctx->args[2];
	char comm[16], path[64];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	if (bpf_probe_read_user_str(path, sizeof(path), (const char *)ctx->args[1]) < 0)
		return 0;
	bpf_printk("openat %s flags %lx", path, flags);
	if ((flags & O_CREAT) && !submitted) {
		submitted = 1;
		SUBMIT_STR(path);
	}
	return 0;
}
