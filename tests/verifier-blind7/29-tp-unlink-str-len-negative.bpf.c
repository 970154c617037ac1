// Sends the path of every unlinkat() to user space with bpf_ringbuf_output(), sending only the
// bytes bpf_probe_read_user_str() copied. The mistake: that helper returns a negative error
// when the read faults, and the length goes to bpf_ringbuf_output() unchecked.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} paths SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_unlinkat")
int on_unlinkat(struct trace_event_raw_sys_enter *ctx)
{
	char path[128];
	long len;

	len = bpf_probe_read_user_str(path, sizeof(path), (const char *)ctx->args[1]);
	bpf_ringbuf_output(&paths, path, len, 0); // expect-line
	return 0;
}
