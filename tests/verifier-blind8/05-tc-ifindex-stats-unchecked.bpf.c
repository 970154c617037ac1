// A tc ingress program keeping packet and byte counts per ingress ifindex in a hash map. The
// map lookup's result is used without checking it for NULL.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define TC_ACT_OK 0

struct if_stats {
	u64 packets;
	u64 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, u32);
	__type(value, struct if_stats);
} stats SEC(".maps");

SEC("tc")
int tc_if_stats(struct __sk_buff *skb)
{
	u32 ifindex = skb->ingress_ifindex;
	struct if_stats *st;

	st = bpf_map_lookup_elem(&stats, &ifindex);
	__sync_fetch_and_add(&st->packets, 1); // expect-line
	__sync_fetch_and_add(&st->bytes, skb->len);
	return TC_ACT_OK;
}
