// Reference solution: count napper's switch-outs in the stopped state (not preemptions).  The task's state is
// read from task_struct's __state (5.14 and later) or, on older kernels, from the field it
// replaced, state: bpf_core_field_exists() tells which one the running kernel has.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define __TASK_STOPPED 4   /* a #define in the kernel: not in BTF, so not in vmlinux.h */

/* task_struct as kernels before 5.14 had it: libbpf drops the ___old suffix when it matches
 * the name against the running kernel's types, and keeps only the fields named here */
struct task_struct___old {
	long state;
} __attribute__((preserve_access_index));

__u64 stops;

static bool is_napper(const char *comm)
{
	const char want[] = "napper";

	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return false;
	return true;
}

static __u32 task_state(struct task_struct *t)
{
	if (bpf_core_field_exists(t->__state))
		return BPF_CORE_READ(t, __state);
	return BPF_CORE_READ((struct task_struct___old *)t, state);
}

SEC("tp_btf/sched_switch")
int BPF_PROG(on_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	char comm[16];

	if (preempt)   /* taken off the CPU before it could sleep: its state may already say stopped */
		return 0;
	BPF_CORE_READ_STR_INTO(&comm, prev, comm);
	if (!is_napper(comm) || !(task_state(prev) & __TASK_STOPPED))
		return 0;
	__sync_fetch_and_add(&stops, 1);
	return 0;
}

SEC("tp/sched/sched_process_exit")
int on_exit(void *ctx)
{
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	if (is_napper(comm))
		SUBMIT_NUM(stops);
	return 0;
}
