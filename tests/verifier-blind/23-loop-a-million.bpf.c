// A question seen often: a loop with a constant but large bound; the verifier walks every
// iteration and runs out of its instruction budget (or, slower, of loading's time).
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
	__type(value, u64[64]);
} table SEC(".maps");

SEC("tp/sched/sched_process_exec")
int checksum(void *ctx)
{
	u32 key = 0;
	u64 *t = bpf_map_lookup_elem(&table, &key);
	u64 sum = 0;

	if (!t)
		return 0;
	for (int i = 0; i < 1000000; i++) // expect-line
		sum += t[i & 63] ^ i;
	t[0] = sum;
	return 0;
}
