// Keeps a consistent pair (count, max size) of mmap() calls per process under a spin lock, a
// pattern copied from a tc example into a tracepoint program. The mistake: tracing programs
// (tracepoint, kprobe, perf_event, raw_tp) may not use maps holding a bpf_spin_lock at all;
// a tracepoint would use atomics or a per-CPU map instead.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct mmap_stats {
	struct bpf_spin_lock lock; // expect-line
	__u64 count;
	__u64 max_len;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, struct mmap_stats);
} mmaps SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_mmap")
int on_mmap(struct trace_event_raw_sys_enter *ctx)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	__u64 len = ctx->args[1];
	struct mmap_stats *st, init = {};

	st = bpf_map_lookup_elem(&mmaps, &tgid);
	if (!st) {
		bpf_map_update_elem(&mmaps, &tgid, &init, BPF_NOEXIST);
		st = bpf_map_lookup_elem(&mmaps, &tgid);
		if (!st)
			return 0;
	}
	bpf_spin_lock(&st->lock);
	st->count++;
	if (len > st->max_len)
		st->max_len = len;
	bpf_spin_unlock(&st->lock);
	return 0;
}
