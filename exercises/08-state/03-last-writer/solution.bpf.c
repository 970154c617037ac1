// Reference solution: per-process counts in an LRU hash, which evicts the entries of the
// w-noise processes long gone to make room for w-keeper.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

/* 1 for a process whose comm starts with "w-", 2 for w-keeper itself, else 0 */
static __always_inline int which(void)
{
	const char keeper[] = "w-keeper";
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	if (comm[0] != 'w' || comm[1] != '-')
		return 0;
	for (int i = 0; i < sizeof(keeper); i++)
		if (comm[i] != keeper[i])
			return 1;
	return 2;
}

SEC("tp/syscalls/sys_enter_write")
int on_write(void *ctx)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;
	__u64 one = 1, *n;

	if (!which())
		return 0;
	n = bpf_map_lookup_elem(&counts, &pid);
	if (n)
		__sync_fetch_and_add(n, 1);
	else
		bpf_map_update_elem(&counts, &pid, &one, BPF_NOEXIST);
	return 0;
}

SEC("tp/sched/sched_process_exit")
int on_exit(void *ctx)
{
	__u32 pid = bpf_get_current_pid_tgid() >> 32;
	__u64 *n;

	if (which() != 2)
		return 0;
	n = bpf_map_lookup_elem(&counts, &pid);
	if (n)
		SUBMIT_NUM(*n);
	return 0;
}
