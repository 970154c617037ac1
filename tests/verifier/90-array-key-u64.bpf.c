// An array map of per-CPU-number counters declared with a u64 key: an array's key is its index,
// 4 bytes, so the kernel refuses to create the map before any program is verified.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 64);
	__type(key, u64);
	__type(value, u64);
} per_cpu_execs SEC(".maps");

SEC("tp/sched/sched_process_exec")
int count_exec(void *ctx)
{
	u64 cpu = bpf_get_smp_processor_id();
	u64 *n = bpf_map_lookup_elem(&per_cpu_execs, &cpu);

	if (n)
		__sync_fetch_and_add(n, 1);
	return 0;
}
