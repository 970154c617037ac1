// A vfs_read() latency histogram: the kprobe stores the start time per thread, the
// kretprobe adds one to the log2(microseconds) slot of a histogram kept in an array map.
// Mistake: log2 of a 64-bit value is up to 63, the histogram has 32 slots, and the slot is
// used as an index without clamping it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

// blind: vm only: kprobes and kretprobes are not available on this host

char LICENSE[] SEC("license") = "GPL";

#define MAX_SLOTS 32

struct hist {
	__u64 slots[MAX_SLOTS];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u64);
	__type(value, __u64);
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct hist);
} hists SEC(".maps");

static __always_inline __u32 log2_u64(__u64 v)
{
	__u32 r = 0;

	if (v >> 32) { v >>= 32; r += 32; }
	if (v >> 16) { v >>= 16; r += 16; }
	if (v >> 8) { v >>= 8; r += 8; }
	if (v >> 4) { v >>= 4; r += 4; }
	if (v >> 2) { v >>= 2; r += 2; }
	if (v >> 1) r += 1;
	return r;
}

SEC("kprobe/vfs_read")
int BPF_KPROBE(read_entry)
{
	__u64 id = bpf_get_current_pid_tgid(), ts = bpf_ktime_get_ns();

	bpf_map_update_elem(&start, &id, &ts, BPF_ANY);
	return 0;
}

SEC("kretprobe/vfs_read")
int BPF_KRETPROBE(read_return)
{
	__u64 id = bpf_get_current_pid_tgid(), *tsp;
	__u32 zero = 0, slot;
	struct hist *h;

	tsp = bpf_map_lookup_elem(&start, &id);
	if (!tsp)
		return 0;
	slot = log2_u64((bpf_ktime_get_ns() - *tsp) / 1000);
	bpf_map_delete_elem(&start, &id);
	h = bpf_map_lookup_elem(&hists, &zero);
	if (!h)
		return 0;
	__sync_fetch_and_add(&h->slots[slot], 1); // expect-line
	if (slot > 20)
		DEBUG_NUM("slow read, log2 us", slot);
	return 0;
}
