// After libbpf-tools opensnoop, skipping system users: the event slot is reserved before the
// filter is applied, and the filtered-out path returns without giving the slot back.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define NAME_MAX 255

#define MIN_USER_UID 1000

struct event {
	u64 ts;
	u32 pid;
	u32 uid;
	int flags;
	char fname[NAME_MAX];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_openat")
int tp_openat(struct trace_event_raw_sys_enter *ctx)
{
	struct event *e;
	u32 uid;

	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	uid = (u32)bpf_get_current_uid_gid();
	if (uid < MIN_USER_UID)
		return 0; // expect-line
	e->ts = bpf_ktime_get_ns();
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->uid = uid;
	e->flags = (int)ctx->args[2];
	bpf_probe_read_user_str(e->fname, sizeof(e->fname), (const char *)ctx->args[1]);
	bpf_ringbuf_submit(e, 0);
	return 0;
}
