// opener opens several files and creates some; submit the name of the one it creates
// exclusively.  Find out what your program sees with bpf_printk first.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define O_CREAT 0x40   /* the flags' bits, as in <fcntl.h> (there in octal: 0100, 0200) */
#define O_EXCL  0x80

__u32 submitted;   /* one answer only */

SEC("tp/syscalls/sys_enter_openat")
int on_openat(struct trace_event_raw_sys_enter *ctx)
{
	const char want[] = "opener";
	char comm[16], path[64];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	if (bpf_probe_read_user_str(path, sizeof(path), (const char *)ctx->args[1]) < 0)
		return 0;
	// TODO: this submits the first file opener opens, which is not the one.  Print each
	// open with bpf_printk(): its path, and its flags (ctx->args[2]) in hex with "%lx".
	// Run, read the printk lines, then submit only the file created with O_CREAT and
	// O_EXCL.
	if (!submitted) {
		submitted = 1;
		SUBMIT_STR(path);
	}
	return 0;
}
