// bigmap: a hash map of 1M entries (16 MB), past bpfdojo's map budget.
#include "common.h"
#include "dojo.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1 << 20);
	__type(key, __u64);
	__type(value, __u64);
} huge SEC(".maps");

SEC("tp/sched/sched_process_exec")
int on_exec(void *ctx)
{
	return 0;
}
