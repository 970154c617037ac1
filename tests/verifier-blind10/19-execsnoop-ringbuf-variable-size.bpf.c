// An execsnoop variant that sizes each ring buffer record to the file name's length: the
// size given to bpf_ringbuf_reserve() is not a constant, which the verifier requires.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";
struct event {
	u32 pid;
	u32 len;
	char fname[];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} rb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, char[256]);
} scratch SEC(".maps");

SEC("tp/syscalls/sys_enter_execve")
int handle_execve(struct trace_event_raw_sys_enter *ctx)
{
	u32 zero = 0;
	struct event *e;
	char *buf;
	long len;

	buf = bpf_map_lookup_elem(&scratch, &zero);
	if (!buf)
		return 0;
	len = bpf_probe_read_user_str(buf, 256, (const char *)ctx->args[0]);
	if (len <= 0 || len > 256)
		return 0;
	e = bpf_ringbuf_reserve(&rb, sizeof(*e) + len, 0); // expect-line
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->len = len;
	bpf_ringbuf_submit(e, 0);
	return 0;
}
