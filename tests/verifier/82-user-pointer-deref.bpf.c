// A syscall's filename argument is read as if it were the program's memory: it points into the
// calling process.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/syscalls/sys_enter_openat")
int on_open(struct trace_event_raw_sys_enter *ctx)
{
	const char *name = (const char *)ctx->args[1];
	char c = name[0];

	DEBUG_NUM("first", c);
	return 0;
}
