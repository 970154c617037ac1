// Sends an event (pid, uid, fd count asked for, command) for every dup2()/dup3() through a
// ring buffer. Mistake: the reservation is sizeof(e), the size of the pointer (8 bytes), not
// sizeof(*e), the event; the writes past its 8th byte are out of bounds.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct dup_event {
	__u32 pid;
	__u32 uid;
	__u64 newfd;
	char comm[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 128 * 1024);
} dups SEC(".maps");

SEC("tp/syscalls/sys_enter_dup3")
int on_dup3(struct trace_event_raw_sys_enter *ctx)
{
	struct dup_event *e;

	e = bpf_ringbuf_reserve(&dups, sizeof(e), 0); // expect-line
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->uid = (__u32)bpf_get_current_uid_gid();
	e->newfd = ctx->args[1];
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	bpf_ringbuf_submit(e, 0);
	return 0;
}
