// After samples/bpf sockex1 (a socket filter counting by protocol): it also sets the packet's
// mark, a field a socket filter may not write.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 256);
	__type(key, u32);
	__type(value, u64);
} proto_count SEC(".maps");

SEC("socket")
int count_proto(struct __sk_buff *skb)
{
	u32 proto = skb->protocol & 0xff;
	u64 *v = bpf_map_lookup_elem(&proto_count, &proto);

	if (v)
		__sync_fetch_and_add(v, skb->len);
	skb->mark = proto; // expect-line
	return 0;
}
