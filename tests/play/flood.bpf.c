/* flood.bpf.c: a playground program that floods (tests/test_play.sh): with dojo.h, every
 * system call sends a DEBUG record and prints a line, far past the playground's caps, while a
 * workload that never ends runs until its wall clock. */
#include "dojo.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, u64);
} per_syscall SEC(".maps");

SEC("raw_tp/sys_enter")
int on_enter(struct bpf_raw_tracepoint_args *ctx)
{
	u32 id = (u32)ctx->args[1];
	u64 one = 1, *n = bpf_map_lookup_elem(&per_syscall, &id);

	if (n)
		__sync_fetch_and_add(n, 1);
	else
		bpf_map_update_elem(&per_syscall, &id, &one, BPF_ANY);
	DEBUG_NUM("syscall", id);
	bpf_printk("syscall %u", id);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
