// Resets the counters of every exec'd program with bpf_for_each_map_elem(), and "renames" the
// element by writing through the key it is handed: a callback may not change a map's key.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, u32);
	__type(value, u64);
} execs SEC(".maps");

static long reset(void *map, u32 *key, u64 *val, void *ctx)
{
	*val = 0;
	*key = 0;
	return 0;
}

SEC("tp/sched/sched_process_exec")
int on_exec(void *ctx)
{
	bpf_for_each_map_elem(&execs, reset, NULL, 0);
	return 0;
}
