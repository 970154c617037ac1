// Records the start of each write() buffer as a DEBUG string: the byte count is kept in an
// int and clamped from above only, so as a signed value it may still be negative when it is
// passed as the size of bpf_probe_read_user().
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define PREVIEW 64

SEC("tracepoint/syscalls/sys_enter_write")
int preview_write(struct trace_event_raw_sys_enter *ctx)
{
	char buf[PREVIEW] = {};
	int n = ctx->args[2];

	if (n > PREVIEW) // expect-line
		n = PREVIEW;
	bpf_probe_read_user(buf, n, (void *)ctx->args[1]);
	DEBUG_STR("write", buf);
	return 0;
}
