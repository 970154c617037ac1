// A global function is verified on its own: its pointer argument may be NULL.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct event {
	u32 pid;
	u32 tgid;
};

__noinline int fill_event(struct event *e)
{
	e->pid = bpf_get_current_pid_tgid() >> 32;
	return 0;
}

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	struct event e = {};

	fill_event(&e);
	DEBUG_NUM("pid", e.pid);
	return 0;
}
