// Records the path passed to openat() with bpf_copy_from_user(), which can fault pages in:
// that helper may sleep, and a plain tracepoint program is not sleepable, so it may only use
// bpf_probe_read_user_str() here.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tracepoint/syscalls/sys_enter_openat")
int log_open_path(struct trace_event_raw_sys_enter *ctx)
{
	char path[64] = {};

	if (bpf_copy_from_user(path, sizeof(path) - 1, (void *)ctx->args[1])) // expect-line
		return 0;
	if (path[0] == '/' && path[1] == 't' && path[2] == 'm' && path[3] == 'p')
		DEBUG_STR("tmp open", path);
	return 0;
}
