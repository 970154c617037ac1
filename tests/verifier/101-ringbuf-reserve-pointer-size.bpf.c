// Reports each exec with its pid and parent pid through a ring buffer of its own, but reserves
// sizeof(e), the size of the pointer, instead of sizeof(*e), the record.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct exec_event {
	u32 pid;
	u32 ppid;
	u64 when;
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} execs SEC(".maps");

SEC("tp/sched/sched_process_exec")
int on_exec(void *ctx)
{
	struct exec_event *e = bpf_ringbuf_reserve(&execs, sizeof(e), 0);

	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->ppid = 0;
	e->when = bpf_ktime_get_ns();
	bpf_ringbuf_submit(e, 0);
	return 0;
}
