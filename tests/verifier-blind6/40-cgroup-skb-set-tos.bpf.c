// Marks egress IPv4 traffic of a cgroup with a DSCP value by rewriting the TOS byte in the
// packet: cgroup_skb programs may read the packet directly but not write it (and the IP
// checksum would need fixing too); writing is a tc program's job.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define DSCP_EF (46 << 2)

SEC("cgroup_skb/egress")
int set_dscp(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct iphdr *iph = data;

	if ((void *)(iph + 1) > data_end)
		return 1;
	if (iph->version != 4)
		return 1;
	iph->tos = DSCP_EF; // expect-line
	return 1;
}
