// A tc program keeping per-flow byte counters with a spin lock, and creating a new entry in a
// second 'seen' map when a flow crosses 1 MB. It calls bpf_map_update_elem() while still
// holding the bpf_spin_lock, where no helper calls are allowed.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define TC_ACT_OK 0

struct flow_val {
	struct bpf_spin_lock lock;
	u64 bytes;
	u64 flagged;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, u32);
	__type(value, struct flow_val);
} flow_bytes SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, u32);
	__type(value, u64);
} heavy SEC(".maps");

SEC("tc")
int tc_heavy_hitters(struct __sk_buff *skb)
{
	u32 key = skb->hash;
	struct flow_val *v;
	u64 now;

	v = bpf_map_lookup_elem(&flow_bytes, &key);
	if (!v)
		return TC_ACT_OK;
	now = bpf_ktime_get_ns();
	bpf_spin_lock(&v->lock);
	v->bytes += skb->len;
	if (v->bytes > (1 << 20) && !v->flagged) {
		v->flagged = 1;
		bpf_map_update_elem(&heavy, &key, &now, BPF_ANY); // expect-line
	}
	bpf_spin_unlock(&v->lock);
	return TC_ACT_OK;
}
