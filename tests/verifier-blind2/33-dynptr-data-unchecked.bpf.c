// After the kernel selftests' ring buffer dynptr programs (dynptr_success.c): the record is
// reserved as a dynptr and its data slice written without checking it for NULL.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct event {
	u32 pid;
	u32 ppid;
	char comm[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} rb SEC(".maps");

SEC("tp/sched/sched_process_fork")
int on_fork(struct trace_event_raw_sched_process_fork *ctx)
{
	struct bpf_dynptr ptr;
	struct event *e;

	bpf_ringbuf_reserve_dynptr(&rb, sizeof(*e), 0, &ptr);
	e = bpf_dynptr_data(&ptr, 0, sizeof(*e));
	e->pid = ctx->child_pid; // expect-line
	e->ppid = ctx->parent_pid;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return 0;
}
