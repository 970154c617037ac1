// After libbpf-bootstrap bootstrap.bpf.c: an exit event for every process, sent through a
// ring buffer; the reserved slot is filled in without checking that the reservation worked.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define TASK_COMM_LEN 16

struct event {
	int pid;
	int ppid;
	unsigned exit_code;
	unsigned long long duration_ns;
	char comm[TASK_COMM_LEN];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} rb SEC(".maps");

SEC("tp/sched/sched_process_exit")
int handle_exit(struct trace_event_raw_sched_process_template *ctx)
{
	u64 id = bpf_get_current_pid_tgid();
	struct event *e;

	if ((u32)id != (u32)(id >> 32))
		return 0;
	e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
	e->pid = id >> 32; // expect-line
	e->ppid = 0;
	e->exit_code = 0;
	e->duration_ns = bpf_ktime_get_ns();
	bpf_get_current_comm(&e->comm, sizeof(e->comm));
	bpf_ringbuf_submit(e, 0);
	return 0;
}
