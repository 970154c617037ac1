// A CPU profiler: on each perf sample, takes the user stack id with bpf_get_stackid() and
// counts samples per stack. Mistake: the map given to bpf_get_stackid() is declared as a
// BPF_MAP_TYPE_HASH; the helper needs a BPF_MAP_TYPE_STACK_TRACE map.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define MAX_DEPTH 32

struct {
	__uint(type, BPF_MAP_TYPE_HASH); // expect-line
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u64[MAX_DEPTH]);
} stacks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __s64);
	__type(value, __u64);
} samples SEC(".maps");

SEC("perf_event")
int profile(struct bpf_perf_event_data *ctx)
{
	__s64 id = bpf_get_stackid(ctx, &stacks, BPF_F_USER_STACK);
	__u64 one = 1, *n;

	if (id < 0)
		return 0;
	n = bpf_map_lookup_elem(&samples, &id);
	if (n)
		__sync_fetch_and_add(n, 1);
	else
		bpf_map_update_elem(&samples, &id, &one, BPF_NOEXIST);
	DEBUG_NUM("stack", id);
	return 0;
}
