// A syscall dispatcher whose jump table is filled in the object itself, but declared as a plain
// hash map: libbpf can put programs only into a program array (or maps into a map of maps).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

int on_openat(void *ctx);

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, u32);
	__array(values, int (void *));
} handlers SEC(".maps") = {
	.values = { [2] = (void *)&on_openat },
};

SEC("tp/raw_syscalls/sys_enter")
int dispatch(struct trace_event_raw_sys_enter *ctx)
{
	bpf_tail_call(ctx, &handlers, 2);
	return 0;
}

SEC("tp/raw_syscalls/sys_enter")
int on_openat(void *ctx)
{
	DEBUG_NUM("openat", 1);
	return 0;
}
