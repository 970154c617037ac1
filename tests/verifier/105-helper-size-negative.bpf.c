// Copies the first bytes of every read() buffer: the count is an int, clamped from above only,
// so as a signed size it may still be negative when bpf_probe_read_user() gets it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/syscalls/sys_enter_read")
int peek_read(struct trace_event_raw_sys_enter *ctx)
{
	char head[32] = {};
	int len = ctx->args[2];

	if (len > 32)
		len = 32;
	bpf_probe_read_user(head, len, (void *)ctx->args[1]);
	DEBUG_STR("read", head);
	return 0;
}
