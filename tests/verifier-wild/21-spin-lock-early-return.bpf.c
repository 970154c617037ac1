// A byte counter under a spin lock: an early return added inside the locked region.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
char LICENSE[] SEC("license") = "GPL";

struct counter {
	struct bpf_spin_lock lock;
	u64 packets;
	u64 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct counter);
} stats SEC(".maps");

SEC("tc")
int count_bytes(struct __sk_buff *skb)
{
	u32 key = 0;
	struct counter *c = bpf_map_lookup_elem(&stats, &key);

	if (!c)
		return 0;
	bpf_spin_lock(&c->lock);
	c->packets++;
	if (skb->len == 0)
		return 0;
	c->bytes += skb->len;
	bpf_spin_unlock(&c->lock);
	return 0;
}
