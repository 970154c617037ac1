// Reserves a ring-buffer record, then tail-calls the handler for the syscall before submitting
// it: the tail call never comes back, so the record could never be given back.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} records SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 8);
	__type(key, u32);
	__type(value, u32);
} handlers SEC(".maps");

SEC("raw_tp/sys_enter")
int dispatch(struct bpf_raw_tracepoint_args *ctx)
{
	u64 *r = bpf_ringbuf_reserve(&records, sizeof(*r), 0);

	if (!r)
		return 0;
	*r = ctx->args[1];
	bpf_tail_call(ctx, &handlers, ctx->args[1] & 7);
	bpf_ringbuf_submit(r, 0);
	return 0;
}
