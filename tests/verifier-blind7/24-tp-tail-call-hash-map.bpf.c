// A syscall dispatcher that tail-calls a per-syscall handler, with the handler table declared
// by someone who thought of it as "a map from syscall number to program". The mistake: the
// table is a BPF_MAP_TYPE_HASH; bpf_tail_call() only takes a BPF_MAP_TYPE_PROG_ARRAY.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH); // expect-line
	__uint(max_entries, 512);
	__type(key, __u32);
	__type(value, __u32);
} handlers SEC(".maps");

__u64 unhandled;

SEC("tracepoint/raw_syscalls/sys_enter")
int dispatch(struct trace_event_raw_sys_enter *ctx)
{
	__u32 nr = ctx->id;

	bpf_tail_call(ctx, &handlers, nr);
	__sync_fetch_and_add(&unhandled, 1);
	return 0;
}
