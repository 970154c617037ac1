// A counter guarded by a spin lock is updated and unlocked, but the lock was never taken.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct val {
	struct bpf_spin_lock lock;
	u64 n;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct val);
} counts SEC(".maps");

SEC("tc")
int count(struct __sk_buff *skb)
{
	u32 k = 0;
	struct val *v = bpf_map_lookup_elem(&counts, &k);

	if (!v)
		return 0;
	v->n++;
	bpf_spin_unlock(&v->lock);
	return 0;
}
