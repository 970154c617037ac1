// A fork tracer that looks up the new child by pid to record its scheduling policy.
// Mistake: bpf_task_from_pid() is a kfunc that classic tracepoint (SEC("tp/...")) programs
// may not call; it needs a BTF-enabled program such as tp_btf.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct task_struct *bpf_task_from_pid(s32 pid) __ksym;
void bpf_task_release(struct task_struct *p) __ksym;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, u32);
	__type(value, u32);
} policy SEC(".maps");

SEC("tp/sched/sched_process_fork")
int handle_fork(struct trace_event_raw_sched_process_fork *ctx)
{
	u32 pid = ctx->child_pid, pol;
	struct task_struct *t;

	t = bpf_task_from_pid(pid); // expect-line
	if (!t)
		return 0;
	pol = t->policy;
	bpf_task_release(t);
	bpf_map_update_elem(&policy, &pid, &pol, BPF_ANY);
	return 0;
}
