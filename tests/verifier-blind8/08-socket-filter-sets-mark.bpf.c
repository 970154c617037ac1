// A socket filter attached to a raw socket that keeps only ICMP packets, and tries to tag the
// kept packets by writing skb->mark, a field a socket filter may only read.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define IPPROTO_ICMP 1

SEC("socket")
int sock_icmp_only(struct __sk_buff *skb)
{
	u8 proto;

	if (bpf_skb_load_bytes(skb, offsetof(struct iphdr, protocol), &proto, 1))
		return 0;
	if (proto != IPPROTO_ICMP)
		return 0;
	skb->mark = 0x1c; // expect-line
	return skb->len;
}
