// Watches the execs of one program whose name user space writes into an array map, and
// compares names with bpf_strncmp(): its third argument must be a constant string in a
// read-only map (.rodata, a const volatile global), not a writable map value.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct target {
	char comm[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct target);
} target_map SEC(".maps");

SEC("tp_btf/sched_process_exec")
int BPF_PROG(watch_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	u32 zero = 0;
	struct target *t = bpf_map_lookup_elem(&target_map, &zero);
	char comm[16];

	if (!t)
		return 0;
	bpf_get_current_comm(comm, sizeof(comm));
	if (bpf_strncmp(comm, sizeof(comm), t->comm) != 0) // expect-line
		return 0;
	SUBMIT_NUM(old_pid);
	return 0;
}
