// After opensnoop: the file name goes into a 64-byte stack buffer, read with the maximum path
// length of the record it used to go into.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define NAME_MAX 255

SEC("tp/syscalls/sys_enter_openat")
int enter_openat(struct trace_event_raw_sys_enter *ctx)
{
	char fname[64];
	const char *path = (const char *)ctx->args[1];

	bpf_probe_read_user_str(fname, NAME_MAX, path); // expect-line
	if (fname[0] == '/' && fname[1] == 't')
		bpf_printk("open %s", fname);
	return 0;
}
