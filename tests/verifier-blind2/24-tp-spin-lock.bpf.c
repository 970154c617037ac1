// After the spin-lock samples (samples/bpf, selftests test_spin_lock) moved into a tracer: a
// counter guarded by a bpf_spin_lock, updated from a tracepoint.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct counter {
	struct bpf_spin_lock lock;
	u64 switches;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct counter);
} counters SEC(".maps");

SEC("tp/sched/sched_switch")
int count_switch(void *ctx)
{
	struct counter *c;
	u32 key = 0;

	c = bpf_map_lookup_elem(&counters, &key);
	if (!c)
		return 0;
	bpf_spin_lock(&c->lock); // expect-line
	c->switches++;
	bpf_spin_unlock(&c->lock);
	return 0;
}
