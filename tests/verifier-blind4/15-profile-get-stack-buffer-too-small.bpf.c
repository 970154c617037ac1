// After libbpf-tools profile: user and kernel stacks sampled from a perf event; the stack
// buffer holds fewer frames than the size passed to bpf_get_stack.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define MAX_STACK_DEPTH 127

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, u32);
	__type(value, u64);
} first_frame SEC(".maps");

SEC("perf_event")
int do_perf_event(struct bpf_perf_event_data *ctx)
{
	u64 stack[32];
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	long n;

	n = bpf_get_stack(ctx, stack, MAX_STACK_DEPTH * sizeof(u64), 0); // expect-line
	if (n <= 0)
		return 0;
	bpf_map_update_elem(&first_frame, &pid, &stack[0], BPF_ANY);
	return 0;
}
