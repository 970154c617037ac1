// An exec tracer that writes the file name into a ring buffer record through a dynptr,
// taking a slice as long as the name. Mistake: bpf_dynptr_data() is given a length known
// only at run time; the slice length must be a constant.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

u32 name_len = 64; /* tunable from user space while running */

SEC("tracepoint/syscalls/sys_enter_execve")
int trace_execve(struct trace_event_raw_sys_enter *ctx)
{
	struct bpf_dynptr ptr;
	u32 len = name_len;
	char *slice;

	if (len > 128)
		len = 128;
	if (bpf_ringbuf_reserve_dynptr(&events, 128, 0, &ptr)) {
		bpf_ringbuf_discard_dynptr(&ptr, 0);
		return 0;
	}
	slice = bpf_dynptr_data(&ptr, 0, len); // expect-line
	if (slice)
		bpf_probe_read_user_str(slice, 1, (const char *)ctx->args[0]);
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return 0;
}
