// A signed index checked only from above: it may be negative.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct stats {
	u64 total;
	u64 slots[8];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct stats);
} stats SEC(".maps");

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	u32 zero = 0;
	int slot = bpf_get_prandom_u32();
	struct stats *s = bpf_map_lookup_elem(&stats, &zero);

	if (!s)
		return 0;
	if (slot >= 8)
		return 0;
	s->slots[slot] += 1;
	return 0;
}
