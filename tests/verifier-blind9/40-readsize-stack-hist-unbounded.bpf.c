// A tracer that buckets read() request sizes (in KiB) into a small histogram on the stack
// and sends it when the syscall returns. Mistake: the bucket index comes straight from the
// syscall's count and is never bounded, so the stack write may land anywhere.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define NR_BUCKETS 16

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_read")
int trace_read(struct trace_event_raw_sys_enter *ctx)
{
	u32 hist[NR_BUCKETS] = {};
	u64 bucket = ctx->args[2] >> 10;

	hist[bucket] += 1; // expect-line
	bpf_ringbuf_output(&events, hist, sizeof(hist), 0);
	return 0;
}
