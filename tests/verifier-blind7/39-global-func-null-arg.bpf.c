// Splits the per-process accounting of read() into a global (non-static) function so that it
// is verified once, as the libbpf docs suggest for big programs. The mistake: a global
// function is verified on its own, with any pointer argument possibly NULL, and this one
// dereferences its stats pointer without checking it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct io_stats {
	__u64 calls;
	__u64 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);
	__type(value, struct io_stats);
} reads SEC(".maps");

__noinline int account_read(struct io_stats *st, __u64 bytes)
{
	st->calls++; // expect-line
	st->bytes += bytes;
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_read")
int on_read_exit(struct trace_event_raw_sys_exit *ctx)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	struct io_stats *st, zero = {};

	if (ctx->ret <= 0)
		return 0;
	st = bpf_map_lookup_elem(&reads, &tgid);
	if (!st) {
		bpf_map_update_elem(&reads, &tgid, &zero, BPF_NOEXIST);
		st = bpf_map_lookup_elem(&reads, &tgid);
		if (!st)
			return 0;
	}
	return account_read(st, ctx->ret);
}
