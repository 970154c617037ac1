// Counts write() calls per process in a hash map and submits the count for the process named
// "writer" when it exits. Mistake: the value bpf_map_lookup_elem() returns is incremented
// without checking it for NULL (the entry may not exist yet).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u64);
} writes SEC(".maps");

SEC("tp/syscalls/sys_enter_write")
int count_write(struct trace_event_raw_sys_enter *ctx)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	__u64 zero = 0, *count;

	bpf_map_update_elem(&writes, &tgid, &zero, BPF_NOEXIST);
	count = bpf_map_lookup_elem(&writes, &tgid);
	*count += 1; // expect-line
	return 0;
}

SEC("tp/sched/sched_process_exit")
int on_exit(void *ctx)
{
	const char want[] = "writer";
	char comm[16];
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	__u64 *count;

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	count = bpf_map_lookup_elem(&writes, &tgid);
	if (count)
		SUBMIT_NUM(*count);
	return 0;
}
