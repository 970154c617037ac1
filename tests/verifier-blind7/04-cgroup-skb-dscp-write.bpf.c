// A cgroup egress hook that wants to mark a container's traffic with a DSCP class, written by
// someone used to tc programs. The mistake: cgroup_skb programs may read packet data directly
// but not write it, and this one rewrites the IP header's tos byte in place.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define DSCP_AF41 (34 << 2)

__u64 marked;

SEC("cgroup_skb/egress")
int mark_egress(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct iphdr *ip = data;

	if (skb->protocol != __builtin_bswap16(0x0800))
		return 1;
	if ((void *)(ip + 1) > data_end)
		return 1;
	if (ip->version != 4)
		return 1;
	ip->tos = DSCP_AF41; // expect-line
	__sync_fetch_and_add(&marked, 1);
	return 1;
}
