// After bcc libbpf-tools' histogram tools: the bucket index is read from a per-cpu config value
// and used without a bound.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct hist {
	u64 slots[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, u32);
	__type(value, struct hist);
} hists SEC(".maps");

SEC("tp/syscalls/sys_exit_read")
int exit_read(struct trace_event_raw_sys_exit *ctx)
{
	u32 key = 0, one = 1;
	struct hist *h = bpf_map_lookup_elem(&hists, &key);
	struct hist *cfg = bpf_map_lookup_elem(&hists, &one);
	u64 slot;

	if (!h || !cfg)
		return 0;
	slot = cfg->slots[0];
	h->slots[slot]++; // expect-line
	return 0;
}
