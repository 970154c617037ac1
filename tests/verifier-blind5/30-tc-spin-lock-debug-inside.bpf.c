// tc ingress: keeps per-flow byte and packet totals in a hash map, updated under the value's
// bpf_spin_lock, and shows the running total. Mistake: the DEBUG_NUM (which reserves and
// submits a ring-buffer record, helper calls) sits inside the locked region; only the lock's
// own helpers may be called between bpf_spin_lock() and bpf_spin_unlock().
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

#define TC_ACT_OK 0

char LICENSE[] SEC("license") = "GPL";

struct flow_totals {
	struct bpf_spin_lock lock;
	__u64 bytes;
	__u64 packets;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);
	__type(value, struct flow_totals);
} flows SEC(".maps");

SEC("tc")
int flow_bytes(struct __sk_buff *skb)
{
	struct flow_totals zero = {}, *st;
	__u32 key;

	if (bpf_skb_load_bytes(skb, 14 + 12, &key, sizeof(key)) < 0)   /* IPv4 source */
		return TC_ACT_OK;
	st = bpf_map_lookup_elem(&flows, &key);
	if (!st) {
		bpf_map_update_elem(&flows, &key, &zero, BPF_NOEXIST);
		st = bpf_map_lookup_elem(&flows, &key);
		if (!st)
			return TC_ACT_OK;
	}
	bpf_spin_lock(&st->lock);
	st->bytes += skb->len;
	st->packets++;
	DEBUG_NUM("flow bytes", st->bytes); // expect-line
	bpf_spin_unlock(&st->lock);
	return TC_ACT_OK;
}
