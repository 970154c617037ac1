// Dispatches raw_syscalls/sys_enter to a per-syscall handler by tail call, the handlers listed
// in a map initialised in the object; the read handler counts reads. Mistake: the jump table
// is declared BPF_MAP_TYPE_ARRAY; tail calls (and a table of programs) need
// BPF_MAP_TYPE_PROG_ARRAY.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

__u64 reads;

int handle_read(struct trace_event_raw_sys_enter *ctx);

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY); // expect-line
	__uint(max_entries, 4);
	__type(key, __u32);
	__array(values, int (void *));
} jump_table SEC(".maps") = {
	.values = { [0] = (void *)&handle_read },
};

SEC("tp/raw_syscalls/sys_enter")
int dispatch(struct trace_event_raw_sys_enter *ctx)
{
	if (ctx->id < 0 || ctx->id >= 4)
		return 0;
	bpf_tail_call(ctx, &jump_table, (__u32)ctx->id);
	return 0;
}

SEC("tp/raw_syscalls/sys_enter")
int handle_read(struct trace_event_raw_sys_enter *ctx)
{
	reads++;
	if ((reads & 0x3ff) == 0)
		DEBUG_NUM("reads", reads);
	return 0;
}
