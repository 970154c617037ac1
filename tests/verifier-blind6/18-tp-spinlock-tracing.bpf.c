// Sums the bytes each process asks read() for, with a spin lock around the two fields that
// must stay consistent: but tracing programs (tracepoint, kprobe, perf_event) may not use
// bpf_spin_lock at all; atomic adds would do here.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct read_stats {
	struct bpf_spin_lock lock;
	u64 calls;
	u64 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct read_stats);
} stats SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_read")
int sum_reads(struct trace_event_raw_sys_enter *ctx)
{
	u32 zero = 0;
	struct read_stats *s = bpf_map_lookup_elem(&stats, &zero);

	if (!s)
		return 0;
	bpf_spin_lock(&s->lock); // expect-line
	s->calls++;
	s->bytes += ctx->args[2];
	bpf_spin_unlock(&s->lock);
	return 0;
}
