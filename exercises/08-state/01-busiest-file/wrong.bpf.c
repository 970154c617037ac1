// A plausible mistake: the filter only at exit, so every process's writes to a descriptor
// are counted together.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define MAX_FD 64

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, MAX_FD);
	__type(key, __u32);
	__type(value, __u64);
} writes SEC(".maps");

__u64 max;   /* the largest element so far */

static __always_inline int is_fdwriter(void)
{
	const char want[] = "fdwriter";
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	return 1;
}

SEC("tp/syscalls/sys_enter_write")
int on_write(struct trace_event_raw_sys_enter *ctx)
{
	__u32 fd = (__u32)ctx->args[0];
	__u64 *n = bpf_map_lookup_elem(&writes, &fd);

	if (n) {
		__u64 now = __sync_add_and_fetch(n, 1);

		if (now > max)
			max = now;   /* fdwriter has one thread: no race */
	}
	return 0;
}

SEC("tp/sched/sched_process_exit")
int on_exit(void *ctx)
{
	if (!is_fdwriter())
		return 0;
	SUBMIT_NUM(max);
	return 0;
}
