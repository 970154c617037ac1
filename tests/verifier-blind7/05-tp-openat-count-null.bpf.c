// Counts openat() calls per process, like bcc's opensnoop counting mode, then submits the
// count of the process "opener" when it exits. The mistake: the value from
// bpf_map_lookup_elem() is incremented without checking that the lookup found an entry.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8192);
	__type(key, __u32);
	__type(value, __u64);
} opens SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_openat")
int on_openat(struct trace_event_raw_sys_enter *ctx)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	__u64 zero = 0, *cnt;

	bpf_map_update_elem(&opens, &tgid, &zero, BPF_NOEXIST);
	cnt = bpf_map_lookup_elem(&opens, &tgid);
	*cnt += 1; // expect-line
	return 0;
}

SEC("tracepoint/sched/sched_process_exit")
int on_exit(void *ctx)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	__u64 *cnt = bpf_map_lookup_elem(&opens, &tgid);

	if (cnt) {
		SUBMIT_NUM(*cnt);
		bpf_map_delete_elem(&opens, &tgid);
	}
	return 0;
}
