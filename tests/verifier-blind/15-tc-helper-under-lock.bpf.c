// After the rate-limiter issue threads: a tc program takes the time inside the locked region of
// its per-flow state.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct flow {
	struct bpf_spin_lock lock;
	u64 last_ns;
	u64 pkts;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 64);
	__type(key, u32);
	__type(value, struct flow);
} flows SEC(".maps");

SEC("tc")
int rate_limit(struct __sk_buff *skb)
{
	u32 key = skb->hash & 63;
	struct flow *f = bpf_map_lookup_elem(&flows, &key);

	if (!f)
		return 0;
	bpf_spin_lock(&f->lock);
	f->pkts++;
	f->last_ns = bpf_ktime_get_ns(); // expect-line
	bpf_spin_unlock(&f->lock);
	return 0;
}
