// After an XDP drop counter: it records the current task's name, which XDP (run in softirq
// for whatever task) may not ask for.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, char[16]);
} last_comm SEC(".maps");

SEC("xdp")
int xdp_count(struct xdp_md *ctx)
{
	u32 key = 0;
	char *comm = bpf_map_lookup_elem(&last_comm, &key);

	if (!comm)
		return XDP_PASS;
	bpf_get_current_comm(comm, 16); // expect-line
	return XDP_PASS;
}
