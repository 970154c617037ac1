// Reports each kill() with sender, target and signal through a ring buffer, and shows the
// signal as a debug value. Mistake: the debug line reads the event after bpf_ringbuf_submit()
// has handed it to user space; the pointer is no longer the program's.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct kill_event {
	__u32 sender;
	__s32 target;
	__s32 sig;
	__u32 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} kills SEC(".maps");

SEC("tp/syscalls/sys_enter_kill")
int on_kill(struct trace_event_raw_sys_enter *ctx)
{
	struct kill_event *e = bpf_ringbuf_reserve(&kills, sizeof(*e), 0);

	if (!e)
		return 0;
	e->sender = bpf_get_current_pid_tgid() >> 32;
	e->target = (__s32)ctx->args[0];
	e->sig = (__s32)ctx->args[1];
	e->pad = 0;
	bpf_ringbuf_submit(e, 0);
	DEBUG_NUM("sig", e->sig); // expect-line
	return 0;
}
