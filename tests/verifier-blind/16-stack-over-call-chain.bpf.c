// After a path-building tracer split into helpers: each function's buffer fits the 512-byte
// stack, but together along the call chain they do not.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

static __noinline int fill_path(const char *src)
{
	char part[320];
	long n = bpf_probe_read_kernel_str(part, sizeof(part), src);

	return n > 0 ? part[0] + part[n & 255] : 0;
}

SEC("tp/sched/sched_process_exec")
int on_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	char full[256];
	unsigned off = ctx->__data_loc_filename & 0xFFFF;

	bpf_probe_read_kernel_str(full, sizeof(full), (void *)ctx + off);
	return fill_path(full) + full[1]; // expect-line
}
