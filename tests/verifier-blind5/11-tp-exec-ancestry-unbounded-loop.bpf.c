// At exec(), counts how many ancestors the new program has up to init (pid 1) by walking
// real_parent, and submits the depth for the program named "deep". Mistake: the walk is a
// while loop with no bound the verifier can see (the pointers read have any value), so it
// never ends verification; it needs a fixed maximum depth.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int ancestry(void *ctx)
{
	const char want[] = "deep";
	char comm[16];
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	__u32 pid = BPF_CORE_READ(task, tgid);
	__u32 depth = 0;

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	while (pid > 1) { // expect-line
		task = BPF_CORE_READ(task, real_parent);
		pid = BPF_CORE_READ(task, tgid);
		depth++;
	}
	SUBMIT_NUM(depth);
	return 0;
}
