// Filters execs of "/usr/bin/sudo" with bpf_strncmp(), the helper added for exactly this. The
// mistake: bpf_strncmp()'s third argument must be a constant string in read-only data (a
// global const), but the target is a char array built on the stack.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

__u64 sudo_execs;

SEC("tracepoint/syscalls/sys_enter_execve")
int on_execve(struct trace_event_raw_sys_enter *ctx)
{
	char target[] = "/usr/bin/sudo"; // expect-line
	char path[32] = {};

	if (bpf_probe_read_user_str(path, sizeof(path), (const char *)ctx->args[0]) < 0)
		return 0;
	if (bpf_strncmp(path, sizeof(target), target) == 0)
		__sync_fetch_and_add(&sudo_execs, 1);
	return 0;
}
