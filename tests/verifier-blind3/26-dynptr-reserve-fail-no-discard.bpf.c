// After the kernel selftests' dynptr_success/user_ringbuf tests: a ring buffer record reserved as
// a dynptr is not discarded when the reservation fails, which the verifier requires anyway.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} rb SEC(".maps");

SEC("tp/syscalls/sys_enter_write")
int log_write(struct trace_event_raw_sys_enter *ctx)
{
	struct bpf_dynptr ptr;
	u64 hdr[2];

	if (bpf_ringbuf_reserve_dynptr(&rb, sizeof(hdr), 0, &ptr))
		return 0; // expect-line
	hdr[0] = bpf_get_current_pid_tgid();
	hdr[1] = ctx->args[2];
	bpf_dynptr_write(&ptr, 0, hdr, sizeof(hdr), 0);
	bpf_ringbuf_submit_dynptr(&ptr, 0);
	return 0;
}
