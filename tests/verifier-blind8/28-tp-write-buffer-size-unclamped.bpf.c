// A sys_enter_write tracepoint program that captures the first bytes each process writes into
// a per-CPU buffer and sends them to user space. It passes the syscall's count straight to
// bpf_probe_read_user() without clamping it to the buffer.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define CAP 128

struct write_sample {
	u32 pid;
	u32 len;
	char data[CAP];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct write_sample);
} scratch SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(u32));
	__uint(value_size, sizeof(u32));
} samples SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_write")
int tp_write_capture(struct trace_event_raw_sys_enter *ctx)
{
	struct write_sample *s;
	u32 zero = 0;
	u32 len;

	s = bpf_map_lookup_elem(&scratch, &zero);
	if (!s)
		return 0;
	len = ctx->args[2];
	s->pid = bpf_get_current_pid_tgid() >> 32;
	s->len = len;
	bpf_probe_read_user(s->data, len, (void *)ctx->args[1]); // expect-line
	bpf_perf_event_output(ctx, &samples, BPF_F_CURRENT_CPU, s, sizeof(*s));
	return 0;
}
