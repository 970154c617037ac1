// After libbpf-tools CO-RE readers (runqslower, oomkill): the current task name read with
// bpf_core_read into an event field half the size of task_struct::comm.
// blind: vm only: CO-RE relocations need kernel BTF, which the host kernel does not expose
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct event {
	u32 pid;
	char comm[8];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} rb SEC(".maps");

SEC("raw_tp/sched_process_exec")
int raw_exec(struct bpf_raw_tracepoint_args *ctx)
{
	struct task_struct *task = (void *)bpf_get_current_task();
	struct event *e;

	e = bpf_ringbuf_reserve(&rb, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	bpf_core_read(e->comm, sizeof(task->comm), &task->comm); // expect-line
	bpf_ringbuf_submit(e, 0);
	return 0;
}
