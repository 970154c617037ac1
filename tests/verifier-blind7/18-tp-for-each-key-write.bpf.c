// At every process exit, sums the bytes written by all live processes with
// bpf_for_each_map_elem() and marks the exiting process's entry. The mistake: the callback
// writes through its key pointer to flag the entry; map keys handed to a callback are
// read-only (change the value, or delete and re-insert).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u64);
} written SEC(".maps");

struct sum_ctx {
	__u32 exiting;
	__u64 total;
};

static long add_entry(void *map, __u32 *key, __u64 *val, struct sum_ctx *c)
{
	c->total += *val;
	if (*key == c->exiting)
		*key = 0; // expect-line
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_write")
int on_write(struct trace_event_raw_sys_enter *ctx)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	__u64 n = ctx->args[2], *v;

	v = bpf_map_lookup_elem(&written, &tgid);
	if (v)
		__sync_fetch_and_add(v, n);
	else
		bpf_map_update_elem(&written, &tgid, &n, BPF_ANY);
	return 0;
}

SEC("tracepoint/sched/sched_process_exit")
int on_exit(void *ctx)
{
	struct sum_ctx c = { .exiting = bpf_get_current_pid_tgid() >> 32 };

	bpf_for_each_map_elem(&written, add_entry, &c, 0);
	DEBUG_NUM("total written", c.total);
	return 0;
}
