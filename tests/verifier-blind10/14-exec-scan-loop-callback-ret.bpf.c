// Scans the current command name for a '/' with bpf_loop(): the callback returns the index
// it found, where a bpf_loop() callback must return 0 (continue) or 1 (stop).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";
struct scan_ctx {
	char comm[16];
	int found;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, int);
} slash_at SEC(".maps");

static int scan_cb(u32 i, void *data)
{
	struct scan_ctx *c = data;

	if (i >= sizeof(c->comm))
		return 1;
	if (c->comm[i] == '/')
		c->found = i;
	return c->found; // expect-line
}

SEC("tp/sched/sched_process_exec")
int handle_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	struct scan_ctx c = { .found = 0 };
	u32 pid = ctx->pid;

	bpf_get_current_comm(&c.comm, sizeof(c.comm));
	bpf_loop(sizeof(c.comm), scan_cb, &c, 0);
	bpf_map_update_elem(&slash_at, &pid, &c.found, BPF_ANY);
	return 0;
}
