// SPDX-License-Identifier: GPL-2.0
/* Open-coded numeric iterators as the kernel's selftests (progs/iters.c) and newer libbpf-tools
 * write loops: bpf_for() over a stack array, bpf_repeat() for a fixed count.  Both end through a
 * cleanup() call of bpf_iter_num_destroy(), whose BTF libbpf needs at open. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

#define SLOTS 16

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, u64);
} sums SEC(".maps");

SEC("raw_tp/sys_enter")
int sum_slots(void *ctx)
{
	u64 slots[SLOTS] = {}, sum = 0;
	u32 key = 0;
	int i;

	bpf_for(i, 0, SLOTS)
		slots[i] = i * 3;
	bpf_for(i, 0, SLOTS)
		sum += slots[i];
	bpf_repeat(4)
		sum++;
	bpf_map_update_elem(&sums, &key, &sum, BPF_ANY);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
