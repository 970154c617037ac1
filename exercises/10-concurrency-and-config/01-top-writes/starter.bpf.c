// Count, over all the threads of teller, how many write() calls had the largest size.  The
// threads write at the same time, on several CPUs: keep the largest size and its count under
// the value's spin lock.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct top {
	struct bpf_spin_lock lock;
	__u64 size;    /* the largest write so far */
	__u64 count;   /* how many writes had that size */
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct top);
} tops SEC(".maps");

static __always_inline int is_teller(void)
{
	const char want[] = "teller";
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	return 1;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(on_enter, struct pt_regs *regs, long id)
{
	__u32 zero = 0;
	struct top *t;
	__u64 size;

	if (id != 1 /* write */ || !is_teller())
		return 0;
	size = regs->dx;   /* write(fd, buf, count): the third argument */
	t = bpf_map_lookup_elem(&tops, &zero);
	if (!t)
		return 0;
	if (size > t->size)
		t->size = size;
	// TODO: count the writes of the largest size in t->count, and make the decision and
	// both fields' update happen under t->lock.
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(on_exit, struct task_struct *p)
{
	__u32 zero = 0;
	struct top *t;
	__u64 count;

	if (p->pid != p->tgid || !is_teller())   /* the main thread: the last to go */
		return 0;
	t = bpf_map_lookup_elem(&tops, &zero);
	if (!t)
		return 0;
	bpf_spin_lock(&t->lock);
	count = t->count;
	bpf_spin_unlock(&t->lock);
	SUBMIT_NUM(count);
	return 0;
}
