// Counts openat() calls per process, like the "count syscalls per pid" programs of bcc's
// syscount: the first lookup is checked, but the counter found by the second lookup, after
// inserting a zero, is used without a NULL check (the insert may have failed: map full).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, u64);
} opens SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_openat")
int count_openat(struct trace_event_raw_sys_enter *ctx)
{
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	u64 zero = 0, *cnt;

	cnt = bpf_map_lookup_elem(&opens, &pid);
	if (!cnt) {
		bpf_map_update_elem(&opens, &pid, &zero, BPF_NOEXIST);
		cnt = bpf_map_lookup_elem(&opens, &pid);
	}
	__sync_fetch_and_add(cnt, 1); // expect-line
	if (*cnt == 100)
		SUBMIT_NUM(pid);
	return 0;
}
