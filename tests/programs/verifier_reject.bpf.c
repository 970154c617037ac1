// Dereferences a hash map lookup without checking for NULL: the verifier rejects it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, char[16]);
} names SEC(".maps");

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	u32 zero = 0;
	char *v = bpf_map_lookup_elem(&names, &zero);

	/* no NULL check: "R0 invalid mem access 'map_value_or_null'" */
	SUBMIT_NUM(v[0]);
	return 0;
}
