// A tc ingress program keeping per-flow byte counters and the time of the last packet in a
// map value guarded by a bpf_spin_lock. Mistake: bpf_ktime_get_ns() is called while the lock
// is held; no helper calls are allowed inside the locked section.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct flow_counters {
	struct bpf_spin_lock lock;
	u64 bytes;
	u64 packets;
	u64 last_seen;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, u32);
	__type(value, struct flow_counters);
} flows SEC(".maps");

SEC("tc")
int tc_flow_stats(struct __sk_buff *skb)
{
	u32 key = skb->hash;
	struct flow_counters *st, init = {};

	st = bpf_map_lookup_elem(&flows, &key);
	if (!st) {
		bpf_map_update_elem(&flows, &key, &init, BPF_NOEXIST);
		st = bpf_map_lookup_elem(&flows, &key);
		if (!st)
			return 0;
	}
	bpf_spin_lock(&st->lock);
	st->bytes += skb->len;
	st->packets++;
	st->last_seen = bpf_ktime_get_ns(); // expect-line
	bpf_spin_unlock(&st->lock);
	return 0;
}
