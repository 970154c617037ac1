// After bcc libbpf-tools offcputime/profile (stack ids as map keys): the map given to
// bpf_get_stackid() is a hash map, where it must be a BPF_MAP_TYPE_STACK_TRACE map.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

#define MAX_STACK_DEPTH 127

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__uint(value_size, MAX_STACK_DEPTH * sizeof(u64));
} stackmap SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, s64);
	__type(value, u64);
} counts SEC(".maps");

SEC("tracepoint/sched/sched_switch")
int sample_stack(void *ctx)
{
	s64 id;
	u64 one = 1, *c;

	id = bpf_get_stackid(ctx, &stackmap, BPF_F_USER_STACK); // expect-line
	if (id < 0)
		return 0;
	c = bpf_map_lookup_elem(&counts, &id);
	if (c)
		__sync_fetch_and_add(c, 1);
	else
		bpf_map_update_elem(&counts, &id, &one, BPF_NOEXIST);
	return 0;
}
