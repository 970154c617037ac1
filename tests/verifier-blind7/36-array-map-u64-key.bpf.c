// Per-CPU-time accounting keyed by cgroup id, declared as an array because "the ids are small
// numbers". The mistake: an array map's key must be a 4-byte index, and this one declares a
// __u64 key, so creating the map fails when the object is loaded.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1024);
	__type(key, __u64); // expect-line
	__type(value, __u64);
} cg_switches SEC(".maps");

SEC("tracepoint/sched/sched_switch")
int on_switch(struct trace_event_raw_sched_switch *ctx)
{
	__u64 cg = bpf_get_current_cgroup_id() & 1023;
	__u64 *cnt = bpf_map_lookup_elem(&cg_switches, &cg);

	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	return 0;
}
