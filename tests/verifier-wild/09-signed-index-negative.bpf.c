// An index from the syscall's arguments kept in an int: checked against the top only, so it
// may be negative ("R1 min value is negative" / "outside of the allowed memory range").
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
char LICENSE[] SEC("license") = "GPL";

struct stats {
	u64 by_fd[64];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct stats);
} fd_stats SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_write")
int count_writes(struct trace_event_raw_sys_enter *ctx)
{
	u32 key = 0;
	int fd = (int)ctx->args[0];
	struct stats *s = bpf_map_lookup_elem(&fd_stats, &key);

	if (!s)
		return 0;
	if (fd >= 64)
		return 0;
	s->by_fd[fd]++;
	return 0;
}
