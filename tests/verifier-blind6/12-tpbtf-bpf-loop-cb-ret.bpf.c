// At exec, scans the new program's name with bpf_loop() to find the first '.', the way the
// bpf_loop selftests walk a buffer: the callback returns -1 to stop, but a bpf_loop callback
// may only return 0 (continue) or 1 (stop).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct scan {
	char comm[16];
	int dot;
};

static int find_dot(u32 i, struct scan *s)
{
	if (i >= sizeof(s->comm))
		return 1;
	if (s->comm[i] == '.') {
		s->dot = i;
		return -1; // expect-line
	}
	return 0;
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(on_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	struct scan s = { .dot = -1 };

	bpf_get_current_comm(s.comm, sizeof(s.comm));
	bpf_loop(sizeof(s.comm), find_dot, &s, 0);
	if (s.dot >= 0)
		SUBMIT_NUM(s.dot);
	return 0;
}
