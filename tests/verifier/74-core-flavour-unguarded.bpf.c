// A "flavour" struct describes an older kernel's layout (task_struct's `state`, renamed
// `__state` in 5.14) and is read without asking which layout this kernel has; a local variable
// of the same name comes first, so the read is the line to point at, not the declaration.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct task_struct___pre514 {
	long state;
} __attribute__((preserve_access_index));

SEC("tp_btf/sched_switch")
int BPF_PROG(on_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	long state;

	state = BPF_CORE_READ((struct task_struct___pre514 *)prev, state);
	DEBUG_NUM("state", state);
	return 0;
}
