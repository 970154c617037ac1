// A question seen often: bpf_copy_from_user() in a (non-sleepable) tracepoint program, where
// bpf_probe_read_user() was meant.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

SEC("tp/syscalls/sys_enter_openat")
int enter_openat(struct trace_event_raw_sys_enter *ctx)
{
	char buf[32];
	const void *path = (const void *)ctx->args[1];

	if (bpf_copy_from_user(buf, sizeof(buf), path)) // expect-line
		return 0;
	if (buf[0] == '/')
		bpf_printk("abs %s", buf);
	return 0;
}
