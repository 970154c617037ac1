// After the kernel selftests' ringbuf dynptr programs: a record reserved through a dynptr is
// neither submitted nor discarded on the path where the data did not fit.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} rb SEC(".maps");

SEC("tp/syscalls/sys_enter_write")
int on_write(struct trace_event_raw_sys_enter *ctx)
{
	struct bpf_dynptr ptr;
	u64 len = ctx->args[2];
	u32 *hdr;

	bpf_ringbuf_reserve_dynptr(&rb, 16, 0, &ptr); // expect-line
	hdr = bpf_dynptr_data(&ptr, 0, sizeof(*hdr));
	if (!hdr)
		return 0;
	*hdr = (u32)len;
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return 0;
}
