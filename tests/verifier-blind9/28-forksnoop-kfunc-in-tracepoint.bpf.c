// A fork tracer that takes a reference on the forking task to record its scheduling policy.
// Mistake: bpf_task_acquire() needs a trusted BTF task pointer (bpf_get_current_task_btf());
// the one given comes from bpf_get_current_task(), a plain number to the verifier.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
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
	u32 pid = ctx->parent_pid, pol;
	struct task_struct *t;

	t = bpf_task_acquire((struct task_struct *)bpf_get_current_task()); // expect-line
	if (!t)
		return 0;
	pol = t->policy;
	bpf_task_release(t);
	bpf_map_update_elem(&policy, &pid, &pol, BPF_ANY);
	return 0;
}
