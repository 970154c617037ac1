// After samples/bpf sockex1 (a socket filter counting bytes per protocol): direct packet access
// through skb->data, as in a tc program, where a socket filter must use bpf_skb_load_bytes().
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 256);
	__type(key, u32);
	__type(value, u64);
} proto_bytes SEC(".maps");

SEC("socket")
int sock_count_proto(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data; // expect-line
	void *data_end = (void *)(long)skb->data_end;
	struct iphdr *ip = data;
	u32 proto;
	u64 *v;

	if ((void *)(ip + 1) > data_end)
		return 0;
	proto = ip->protocol;
	v = bpf_map_lookup_elem(&proto_bytes, &proto);
	if (v)
		__sync_fetch_and_add(v, skb->len);
	return 0;
}
