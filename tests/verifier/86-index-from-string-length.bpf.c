// The last character of a path read with bpf_probe_read_user_str() is indexed by its length
// minus one, with no check on the length (an error makes it negative).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/syscalls/sys_enter_openat")
int on_open(struct trace_event_raw_sys_enter *ctx)
{
	char path[64];
	long n = bpf_probe_read_user_str(path, sizeof(path), (const char *)ctx->args[1]);

	DEBUG_NUM("last", path[n - 1]);
	return 0;
}
