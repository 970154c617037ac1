// After selftests/bpf dynptr_success and ringbuf dynptr users: a variable-size record built
// through a ring-buffer dynptr; a failed reservation returns without discarding the dynptr.
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

struct hdr {
	u32 pid;
	u32 len;
};

SEC("tracepoint/syscalls/sys_enter_write")
int tp_write_sizes(struct trace_event_raw_sys_enter *ctx)
{
	struct bpf_dynptr ptr;
	struct hdr h;

	h.pid = bpf_get_current_pid_tgid() >> 32;
	h.len = (u32)ctx->args[2];
	if (bpf_ringbuf_reserve_dynptr(&rb, sizeof(h), 0, &ptr))
		return 0; // expect-line
	bpf_dynptr_write(&ptr, 0, &h, sizeof(h), 0);
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return 0;
}
