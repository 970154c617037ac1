// A tracer that records the path given to unlinkat() with the caller's comm, formatting the
// record in a helper function. Mistake: the caller and the non-inlined helper each keep a
// large buffer on the stack; the two frames together pass the 512-byte stack limit.
// blind: vm only: 6.18 gives the subprograms of tracing programs a private stack, so there the frames need not fit in 512 bytes together
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

static __noinline int emit_record(const char *path, u32 pid)
{
	char rec[320];

	__builtin_memset(rec, 0, sizeof(rec));
	*(u32 *)rec = pid;
	bpf_probe_read_kernel_str(rec + 8, sizeof(rec) - 8, path);
	bpf_ringbuf_output(&events, rec, sizeof(rec), 0);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_unlinkat")
int trace_unlinkat(struct trace_event_raw_sys_enter *ctx)
{
	char path[256];

	bpf_probe_read_user_str(path, sizeof(path), (const char *)ctx->args[1]);
	return emit_record(path, bpf_get_current_pid_tgid() >> 32); // expect-line
}
