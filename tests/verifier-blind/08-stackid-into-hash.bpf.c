// After bcc libbpf-tools' offcputime/profile: the stack ids come from a map declared as a hash
// instead of a stack-trace map.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, u64[127]);
} stackmap SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, s64);
	__type(value, u64);
} counts SEC(".maps");

SEC("tp/sched/sched_switch")
int on_switch(void *ctx)
{
	s64 id = bpf_get_stackid(ctx, &stackmap, 0); // expect-line
	u64 one = 1, *c;

	c = bpf_map_lookup_elem(&counts, &id);
	if (c)
		__sync_fetch_and_add(c, 1);
	else
		bpf_map_update_elem(&counts, &id, &one, BPF_ANY);
	return 0;
}
