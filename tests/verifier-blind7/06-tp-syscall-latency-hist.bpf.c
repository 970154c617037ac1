// A syscall latency histogram after bcc's runqlat/syscount: stamps read() entry, and at exit
// adds one to a log2 bucket of the elapsed microseconds in a global array. The mistake: the
// log2 slot (up to 63) is used as an index into a 26-slot array without clamping it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define MAX_SLOTS 26

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32);
	__type(value, __u64);
} start SEC(".maps");

__u64 hist[MAX_SLOTS];

static __always_inline __u64 log2(__u32 v)
{
	__u32 shift, r;

	r = (v > 0xFFFF) << 4; v >>= r;
	shift = (v > 0xFF) << 3; v >>= shift; r |= shift;
	shift = (v > 0xF) << 2; v >>= shift; r |= shift;
	shift = (v > 0x3) << 1; v >>= shift; r |= shift;
	r |= (v >> 1);
	return r;
}

static __always_inline __u64 log2l(__u64 v)
{
	__u32 hi = v >> 32;

	if (hi)
		return log2(hi) + 32;
	return log2(v);
}

SEC("tracepoint/syscalls/sys_enter_read")
int read_enter(void *ctx)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	__u64 ts = bpf_ktime_get_ns();

	bpf_map_update_elem(&start, &tid, &ts, BPF_ANY);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_read")
int read_exit(void *ctx)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	__u64 *tsp, slot;

	tsp = bpf_map_lookup_elem(&start, &tid);
	if (!tsp)
		return 0;
	slot = log2l((bpf_ktime_get_ns() - *tsp) / 1000);
	__sync_fetch_and_add(&hist[slot], 1); // expect-line
	bpf_map_delete_elem(&start, &tid);
	return 0;
}
