// Reference solution: an array of maps holds one table per system call (slot 0: read,
// slot 1: write); each call picks its table by the call's number and counts mixer's calls in
// it; at mixer's exit both tables give their count.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct table {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);     /* a process id */
	__type(value, __u64);   /* its calls */
} reads SEC(".maps"), writes SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct table);
} tables SEC(".maps") = {
	.values = { [0] = &reads, [1] = &writes },
};

static __always_inline int is_mixer(void)
{
	const char want[] = "mixer";
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	return 1;
}

/* The count of process @pid in the table of slot @slot; 0 when none. */
static __always_inline __u64 count_in(__u32 slot, __u32 pid)
{
	void *table = bpf_map_lookup_elem(&tables, &slot);
	__u64 *n;

	if (!table)
		return 0;
	n = bpf_map_lookup_elem(table, &pid);
	return n ? *n : 0;
}

SEC("tp/raw_syscalls/sys_enter")
int on_enter(struct trace_event_raw_sys_enter *ctx)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32, slot;
	__u64 one = 1, *n;
	void *table;

	if (ctx->id != 0 && ctx->id != 1)   /* read and write, on x86-64 */
		return 0;
	if (!is_mixer())
		return 0;
	slot = ctx->id;   /* 0: the reads table, 1: the writes table */
	table = bpf_map_lookup_elem(&tables, &slot);
	if (!table)
		return 0;
	n = bpf_map_lookup_elem(table, &pid);
	if (n)
		__sync_fetch_and_add(n, 1);
	else
		bpf_map_update_elem(table, &pid, &one, BPF_NOEXIST);
	return 0;
}

SEC("tp/sched/sched_process_exit")
int on_exit(void *ctx)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;

	if (!is_mixer())
		return 0;
	SUBMIT_NUM(count_in(1, pid) - count_in(0, pid));
	return 0;
}
