// After bcc libbpf-tools' opensnoop.bpf.c (ring buffer events for openat): the file name is
// copied with the tool's PATH_MAX-sized constant into an event field that is only 64 bytes.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";
#define PATH_LEN 256

struct event {
	u32 pid;
	char comm[16];
	char fname[64];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_openat")
int trace_openat(struct trace_event_raw_sys_enter *ctx)
{
	struct event *e;

	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	bpf_get_current_comm(&e->comm, sizeof(e->comm));
	bpf_probe_read_user_str(e->fname, PATH_LEN, (const char *)ctx->args[1]); // expect-line
	bpf_ringbuf_submit(e, 0);
	return 0;
}
