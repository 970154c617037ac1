// raw_syscalls/sys_enter: for each system call listed in a map (syscall number -> which
// argument to watch), records the argument's last value. Mistake: the argument index comes
// from the map, so ctx->args[*idx] is a context read at a variable offset; context fields must
// be read at constant offsets (a switch on the index, or reading all six).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u32);
} watched_arg SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u32);
	__type(value, __u64);
} last_value SEC(".maps");

SEC("tp/raw_syscalls/sys_enter")
int watch_args(struct trace_event_raw_sys_enter *ctx)
{
	__u32 nr = ctx->id;
	__u32 *idx = bpf_map_lookup_elem(&watched_arg, &nr);
	__u64 val;

	if (!idx || *idx >= 6)
		return 0;
	val = ctx->args[*idx]; // expect-line
	bpf_map_update_elem(&last_value, &nr, &val, BPF_ANY);
	DEBUG_NUM("arg", val);
	return 0;
}
