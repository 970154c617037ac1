// After bcc libbpf-tools' biolatency.bpf.c (a log2 histogram of block I/O latency): the
// slot computed from the latency is never clamped to the histogram's size.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define MAX_SLOTS 27

struct hist {
	u32 slots[MAX_SLOTS];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, struct request *);
	__type(value, u64);
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, u32);
	__type(value, struct hist);
} hists SEC(".maps");

static struct hist initial_hist;

static __always_inline u64 log2_u32(u32 v)
{
	u32 shift, r;

	r = (v > 0xFFFF) << 4; v >>= r;
	shift = (v > 0xFF) << 3; v >>= shift; r |= shift;
	shift = (v > 0xF) << 2; v >>= shift; r |= shift;
	shift = (v > 0x3) << 1; v >>= shift; r |= shift;
	r |= (v >> 1);
	return r;
}

static __always_inline u64 log2l(u64 v)
{
	u32 hi = v >> 32;

	return hi ? log2_u32(hi) + 32 : log2_u32(v);
}

SEC("raw_tp/block_rq_issue")
int BPF_PROG(block_rq_issue, struct request *rq)
{
	u64 ts = bpf_ktime_get_ns();

	bpf_map_update_elem(&start, &rq, &ts, BPF_ANY);
	return 0;
}

SEC("raw_tp/block_rq_complete")
int BPF_PROG(block_rq_complete, struct request *rq, int error, unsigned int nr_bytes)
{
	struct hist *histp;
	u64 *tsp, slot;
	u32 dev = 0;
	s64 delta;

	tsp = bpf_map_lookup_elem(&start, &rq);
	if (!tsp)
		return 0;
	delta = (s64)(bpf_ktime_get_ns() - *tsp);
	if (delta < 0)
		goto cleanup;
	histp = bpf_map_lookup_elem(&hists, &dev);
	if (!histp) {
		bpf_map_update_elem(&hists, &dev, &initial_hist, BPF_NOEXIST);
		histp = bpf_map_lookup_elem(&hists, &dev);
		if (!histp)
			goto cleanup;
	}
	slot = log2l(delta / 1000U);
	__sync_fetch_and_add(&histp->slots[slot], 1); // expect-line
cleanup:
	bpf_map_delete_elem(&start, &rq);
	return 0;
}
