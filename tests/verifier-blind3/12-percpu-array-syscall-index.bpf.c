// After bcc libbpf-tools syscount (counting per syscall id): the syscall number from sys_enter
// indexes an array inside one map value with no check against the array's size.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

#define MAX_SYSCALLS 512

struct counts {
	u64 n[MAX_SYSCALLS];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct counts);
} syscall_counts SEC(".maps");

SEC("raw_tracepoint/sys_enter")
int count_syscalls(struct bpf_raw_tracepoint_args *ctx)
{
	long id = ctx->args[1];
	u32 zero = 0;
	struct counts *c;

	c = bpf_map_lookup_elem(&syscall_counts, &zero);
	if (!c)
		return 0;
	c->n[id]++; // expect-line
	return 0;
}
