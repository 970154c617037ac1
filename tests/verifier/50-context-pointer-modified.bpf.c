// bpf_get_stackid() is given a pointer into the context instead of the context itself.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_STACK_TRACE);
	__uint(max_entries, 64);
	__type(key, u32);
	__uint(value_size, 127 * sizeof(u64));
} stacks SEC(".maps");

SEC("tp/syscalls/sys_enter_openat")
int on_openat(struct trace_event_raw_sys_enter *ctx)
{
	long id = bpf_get_stackid(&ctx->args[1], &stacks, 0);

	DEBUG_NUM("stack", id);
	return 0;
}
