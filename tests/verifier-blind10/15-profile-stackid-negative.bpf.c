// After bcc libbpf-tools' profile (perf_event sampling of stacks): the stack id returned by
// bpf_get_stackid() is used as an index without checking it for a negative error.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";
#define MAX_IDS 1024

struct counts {
	u64 hits[MAX_IDS];
};

struct {
	__uint(type, BPF_MAP_TYPE_STACK_TRACE);
	__uint(max_entries, MAX_IDS);
	__type(key, u32);
	__uint(value_size, 127 * sizeof(u64));
} stackmap SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct counts);
} counts SEC(".maps");

SEC("perf_event")
int do_sample(struct bpf_perf_event_data *ctx)
{
	struct counts *c;
	u32 zero = 0;
	int id;

	id = bpf_get_stackid(ctx, &stackmap, BPF_F_USER_STACK);
	if (id >= MAX_IDS)
		return 0;
	c = bpf_map_lookup_elem(&counts, &zero);
	if (!c)
		return 0;
	c->hits[id]++; // expect-line
	return 0;
}
