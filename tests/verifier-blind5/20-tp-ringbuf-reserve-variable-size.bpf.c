// Streams the data of every write() by the process named "journal" through a ring buffer,
// each event sized to the bytes it carries (at most 256). Mistake: bpf_ringbuf_reserve()
// needs a size known when the program is verified; sizeof(header) + len is not a constant
// (reserve the maximum, or use bpf_ringbuf_output()).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define MAX_DATA 256

struct write_event {
	__u32 pid;
	__u32 len;
	char data[];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} writes SEC(".maps");

SEC("tp/syscalls/sys_enter_write")
int on_write(struct trace_event_raw_sys_enter *ctx)
{
	const char want[] = "journal";
	char comm[16];
	struct write_event *e;
	__u32 len = ctx->args[2];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	if (len > MAX_DATA)
		len = MAX_DATA;
	e = bpf_ringbuf_reserve(&writes, sizeof(*e) + len, 0); // expect-line
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->len = len;
	bpf_probe_read_user(e->data, len, (const void *)ctx->args[1]);
	bpf_ringbuf_submit(e, 0);
	return 0;
}
