// After socket filters that classify packets (samples/bpf sockex1, tcpdump-like filters):
// the class is written into skb->mark, which a socket filter may not write.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

SEC("socket")
int sock_classify(struct __sk_buff *skb)
{
	u8 proto;

	if (bpf_skb_load_bytes(skb, 14 + offsetof(struct iphdr, protocol), &proto, 1))
		return 0;
	if (proto == IPPROTO_TCP)
		skb->mark = 1; // expect-line
	return skb->len;
}
