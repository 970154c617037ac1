// Streams the data of each write() by the process "logger" to user space, reserving a ring
// buffer record just big enough for the bytes written. The mistake: bpf_ringbuf_reserve()
// needs a size the verifier knows as a constant; a size computed from the syscall's count is
// rejected (reserve the maximum, or use bpf_ringbuf_output with a bounded length).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define MAX_DATA 512

struct chunk {
	__u32 pid;
	__u32 len;
	char data[];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 20);
} writes_rb SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_write")
int on_write(struct trace_event_raw_sys_enter *ctx)
{
	const char *buf = (const char *)ctx->args[1];
	__u32 len = ctx->args[2];
	struct chunk *c;

	if (len > MAX_DATA)
		len = MAX_DATA;
	c = bpf_ringbuf_reserve(&writes_rb, sizeof(*c) + len, 0); // expect-line
	if (!c)
		return 0;
	c->pid = bpf_get_current_pid_tgid() >> 32;
	c->len = len;
	bpf_probe_read_user(c->data, len, buf);
	bpf_ringbuf_submit(c, 0);
	return 0;
}
