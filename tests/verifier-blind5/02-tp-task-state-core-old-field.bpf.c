// On every context switch, records the state of the task being switched out, written the
// "portable" way for kernels before 5.14 where task_struct's field was called state.
// Mistake: the ___old flavour's field is read with BPF_CORE_READ unconditionally; this kernel
// has only __state, so libbpf cannot relocate the read and poisons the instruction (it needs a
// bpf_core_field_exists() check, or to read __state).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct task_struct___old {
	long state;
} __attribute__((preserve_access_index));

__u64 blocked;

SEC("tp/sched/sched_switch")
int on_switch(struct trace_event_raw_sched_switch *ctx)
{
	struct task_struct *prev = (struct task_struct *)bpf_get_current_task();
	long state;

	state = BPF_CORE_READ((struct task_struct___old *)prev, state); // expect-line
	if (state != 0)
		blocked++;
	if ((blocked & 0xfff) == 0)
		DEBUG_NUM("blocked", blocked);
	return 0;
}
