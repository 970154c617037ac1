// noevents_reject: no dojo.h and a map value used without a NULL check: the verifier still
// sees the program, so its rejection (not the missing ring buffer) is what the learner reads.
#include "common.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

SEC("tp/sched/sched_process_exec")
int on_exec_noevents(void *ctx)
{
	__u32 k = 1;
	__u64 *v = bpf_map_lookup_elem(&counts, &k);

	return *v;
}
