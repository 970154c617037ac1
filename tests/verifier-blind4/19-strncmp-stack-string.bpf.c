// After process-name filters in bcc tools (comm filters) using bpf_strncmp: the name to
// match is a local array built on the stack.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, u64);
} bash_execs SEC(".maps");

SEC("tracepoint/sched/sched_process_exec")
int tp_count_bash(struct trace_event_raw_sched_process_exec *ctx)
{
	char target[] = "bash";
	char comm[16];
	u32 zero = 0;
	u64 *count;

	bpf_get_current_comm(comm, sizeof(comm));
	if (bpf_strncmp(comm, sizeof(target), target)) // expect-line
		return 0;
	count = bpf_map_lookup_elem(&bash_execs, &zero);
	if (count)
		__sync_fetch_and_add(count, 1);
	return 0;
}
