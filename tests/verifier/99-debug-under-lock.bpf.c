// Per-CPU-less connection counters updated under the value's spin lock (tc), with a DEBUG_NUM()
// inside the locked region: dojo.h's macro reserves a ring-buffer record, a helper call.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct conn {
	struct bpf_spin_lock lock;
	u64 packets;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct conn);
} conns SEC(".maps");

SEC("tc")
int count_conn(struct __sk_buff *skb)
{
	u32 key = 0;
	struct conn *c = bpf_map_lookup_elem(&conns, &key);

	if (!c)
		return 0;
	bpf_spin_lock(&c->lock);
	c->packets++;
	DEBUG_NUM("packets", c->packets);
	bpf_spin_unlock(&c->lock);
	return 0;
}
