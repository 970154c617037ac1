// Reference solution: print every openat() of opener with its flags (bpf_printk: the lines
// show in the run), and submit the file opened with both O_CREAT and O_EXCL.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define O_CREAT 0x40
#define O_EXCL  0x80

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
	if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		SUBMIT_STR(path);
	return 0;
}
