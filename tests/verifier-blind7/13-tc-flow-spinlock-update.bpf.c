// A tc flow meter keeping bytes and packets per flow under a bpf_spin_lock, and mirroring the
// totals into a second "last seen" map. The mistake: it calls bpf_map_update_elem() while it
// still holds the spin lock; no helper but bpf_spin_unlock may be called inside the lock.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct meter_stats {
	struct bpf_spin_lock lock;
	__u64 packets;
	__u64 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);
	__type(value, struct meter_stats);
} flows SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);
	__type(value, __u64);
} last_bytes SEC(".maps");

SEC("tc")
int flow_meter(struct __sk_buff *skb)
{
	__u32 key = skb->hash;
	struct meter_stats *st, init = {};
	__u64 total;

	st = bpf_map_lookup_elem(&flows, &key);
	if (!st) {
		bpf_map_update_elem(&flows, &key, &init, BPF_NOEXIST);
		st = bpf_map_lookup_elem(&flows, &key);
		if (!st)
			return 0;
	}
	bpf_spin_lock(&st->lock);
	st->packets++;
	st->bytes += skb->len;
	total = st->bytes;
	bpf_map_update_elem(&last_bytes, &key, &total, BPF_ANY); // expect-line
	bpf_spin_unlock(&st->lock);
	return 0;
}
