// An execsnoop after libbpf-bootstrap's bootstrap.bpf.c: reserves a ring buffer record for
// every exec, fills in pid and comm, and only sends it for processes not in the ignore list.
// The mistake: on the ignored path the reserved record is neither submitted nor discarded.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct event {
	__u32 pid;
	char comm[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} rb SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, char[16]);
	__type(value, __u8);
} ignored SEC(".maps");

SEC("tp/sched/sched_process_exec")
int handle_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	struct event *e;

	e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	if (bpf_map_lookup_elem(&ignored, e->comm))
		return 0; // expect-line
	bpf_ringbuf_submit(e, 0);
	return 0;
}
