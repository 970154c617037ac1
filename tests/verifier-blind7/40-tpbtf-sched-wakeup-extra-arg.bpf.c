// Counts successful wakeups with tp_btf/sched_wakeup, after an old bcc tool whose tracepoint
// format still had a "success" field. The mistake: the BTF tracepoint sched_wakeup takes only
// the task; declaring and reading a second argument reads past the tracepoint's arguments.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

__u64 wakeups;

SEC("tp_btf/sched_wakeup")
int BPF_PROG(on_wakeup, struct task_struct *p, int success) // expect-line
{
	if (!success)
		return 0;
	if (p->tgid)
		__sync_fetch_and_add(&wakeups, 1);
	return 0;
}
