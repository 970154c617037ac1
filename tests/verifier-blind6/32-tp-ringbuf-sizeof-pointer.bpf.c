// Sends the name of every file unlinked to a ring buffer: the record is reserved with
// sizeof(e), the size of the pointer (8 bytes), instead of sizeof(*e), so the filename
// written behind the pid lies past the end of the reservation.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct unlink_event {
	u32 pid;
	char filename[64];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} unlinks SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_unlinkat")
int on_unlinkat(struct trace_event_raw_sys_enter *ctx)
{
	struct unlink_event *e;

	e = bpf_ringbuf_reserve(&unlinks, sizeof(e), 0); // expect-line
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	bpf_probe_read_user_str(e->filename, sizeof(e->filename), (void *)ctx->args[1]);
	bpf_ringbuf_submit(e, 0);
	return 0;
}
