// Reports every kill() with its sender, target and signal through a ring buffer, in the style
// of bcc's killsnoop ported to libbpf. The mistake: the record is reserved with sizeof(e),
// the size of the pointer (8 bytes), not sizeof(*e), so the writes run past the record.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct kill_event {
	__u32 pid;
	__u32 tpid;
	int sig;
	char comm[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} kills SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_kill")
int on_kill(struct trace_event_raw_sys_enter *ctx)
{
	struct kill_event *e;

	e = bpf_ringbuf_reserve(&kills, sizeof(e), 0); // expect-line
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->tpid = ctx->args[0];
	e->sig = ctx->args[1];
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	bpf_ringbuf_submit(e, 0);
	return 0;
}
