// A tracer of execve file names sent as variable-length perf samples: the header and only
// the bytes of the name actually read. Mistake: the length bpf_probe_read_user_str() returns
// may be negative (a fault), and it is added to the sample size unchecked.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct event {
	u32 pid;
	u32 len;
	char fname[256];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(u32));
	__uint(value_size, sizeof(u32));
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct event);
} heap SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_execve")
int trace_execve(struct trace_event_raw_sys_enter *ctx)
{
	u32 zero = 0;
	struct event *e;
	long len;

	e = bpf_map_lookup_elem(&heap, &zero);
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	len = bpf_probe_read_user_str(e->fname, sizeof(e->fname), (const char *)ctx->args[0]);
	e->len = len;
	bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, e,
			      offsetof(struct event, fname) + len); // expect-line
	return 0;
}
