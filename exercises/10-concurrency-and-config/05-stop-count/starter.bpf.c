// Count how many times the process named "napper" is stopped: every stop makes it leave the
// CPU, which the sched_switch tracepoint shows with the task leaving as prev.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define __TASK_STOPPED 4   /* a #define in the kernel: not in BTF, so not in vmlinux.h */

/* task_struct as kernels before 5.14 had it (its state field was renamed __state since) */
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

SEC("tp_btf/sched_switch")
int BPF_PROG(on_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	char comm[16];

	BPF_CORE_READ_STR_INTO(&comm, prev, comm);
	if (!is_napper(comm))
		return 0;
	// TODO: count only the switch-outs where prev is stopped: read its state, from __state
	// where the running kernel has that field (bpf_core_field_exists) and from the old
	// state field otherwise.
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
