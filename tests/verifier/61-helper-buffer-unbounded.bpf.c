// Appending names into a buffer in a map value at a running offset that is stored back in the
// value: read back from the map, the offset is unbounded at the helper's buffer argument.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct names {
	u32 used;
	char text[512];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct names);
} names SEC(".maps");

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	u32 zero = 0;
	struct names *n = bpf_map_lookup_elem(&names, &zero);
	long len;

	if (!n)
		return 0;
	len = bpf_get_current_comm(&n->text[n->used], 16);
	if (len == 0)
		n->used += 16;
	return 0;
}
