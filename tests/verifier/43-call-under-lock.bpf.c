// A helper is called while the spin lock is held.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

#define TC_ACT_OK   0
#define TC_ACT_SHOT 2
#define ETH_P_IP    0x0800

char LICENSE[] SEC("license") = "GPL";

struct val {
	struct bpf_spin_lock lock;
	u64 stamp;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct val);
} stamps SEC(".maps");

SEC("tc")
int stamp(struct __sk_buff *skb)
{
	u32 key = 0;
	struct val *v = bpf_map_lookup_elem(&stamps, &key);

	if (!v)
		return TC_ACT_OK;
	bpf_spin_lock(&v->lock);
	v->stamp = bpf_ktime_get_ns();
	bpf_spin_unlock(&v->lock);
	return TC_ACT_OK;
}
