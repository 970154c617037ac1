// A CPU profiler in the style of bcc's profile / libbpf-bootstrap's profile.bpf.c: on every
// sample it records a kernel stack id, but the stacks map is declared as a hash map;
// bpf_get_stackid() needs a BPF_MAP_TYPE_STACK_TRACE map.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define MAX_DEPTH 32

struct {
	__uint(type, BPF_MAP_TYPE_HASH); // expect-line
	__uint(max_entries, 4096);
	__type(key, u32);
	__uint(value_size, MAX_DEPTH * sizeof(u64));
} stacks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, u32);
	__type(value, u64);
} counts SEC(".maps");

SEC("perf_event")
int do_sample(struct bpf_perf_event_data *ctx)
{
	u64 one = 1, *cnt;
	long id;
	u32 key;

	id = bpf_get_stackid(ctx, &stacks, 0);
	if (id < 0)
		return 0;
	key = id;
	cnt = bpf_map_lookup_elem(&counts, &key);
	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	else
		bpf_map_update_elem(&counts, &key, &one, BPF_NOEXIST);
	return 0;
}
