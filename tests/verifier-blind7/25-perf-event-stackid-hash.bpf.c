// A CPU profiler after libbpf-bootstrap's profile.bpf.c and bcc's profile: on each perf sample
// it stores the user stack id and counts samples per stack. The mistake: the stack map is
// declared as a BPF_MAP_TYPE_HASH; bpf_get_stackid() needs a BPF_MAP_TYPE_STACK_TRACE map.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define MAX_DEPTH 127

struct {
	__uint(type, BPF_MAP_TYPE_HASH); // expect-line
	__uint(max_entries, 16384);
	__type(key, __u32);
	__uint(value_size, MAX_DEPTH * sizeof(__u64));
} stacks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384);
	__type(key, __s32);
	__type(value, __u64);
} counts SEC(".maps");

SEC("perf_event")
int profile(struct bpf_perf_event_data *ctx)
{
	__s32 id;
	__u64 one = 1, *cnt;

	id = bpf_get_stackid(ctx, &stacks, BPF_F_USER_STACK);
	if (id < 0)
		return 0;
	cnt = bpf_map_lookup_elem(&counts, &id);
	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	else
		bpf_map_update_elem(&counts, &id, &one, BPF_NOEXIST);
	return 0;
}
