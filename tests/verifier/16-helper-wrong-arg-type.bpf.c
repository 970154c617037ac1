// The context passed where a helper wants a pointer to a map key.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, u64);
	__type(value, u64);
} seen SEC(".maps");

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	u64 *v = bpf_map_lookup_elem(&seen, ctx);

	if (v)
		DEBUG_NUM("seen", *v);
	return 0;
}
