// After per-CPU counters (libbpf-tools syscount, samples/bpf xdp1): a per-CPU array value is
// indexed by CPU number, as if it held one slot per CPU.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 512);
	__type(key, u32);
	__type(value, u64);
} syscalls SEC(".maps");

SEC("tracepoint/raw_syscalls/sys_enter")
int tp_sys_enter(struct trace_event_raw_sys_enter *ctx)
{
	u32 id = (u32)ctx->id & 511;
	u32 cpu = bpf_get_smp_processor_id();
	u64 *counts;

	counts = bpf_map_lookup_elem(&syscalls, &id);
	if (!counts)
		return 0;
	counts[cpu] += 1; // expect-line
	return 0;
}
