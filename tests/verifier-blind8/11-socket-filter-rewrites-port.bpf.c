// A socket filter meant to anonymise captured UDP packets by zeroing the source port before
// they reach the packet socket. It calls bpf_skb_store_bytes(), a helper socket filters may
// not use (they can only read the packet).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define IPPROTO_UDP 17

SEC("socket")
int sock_anon_udp(struct __sk_buff *skb)
{
	u16 zero = 0;
	u8 proto;

	if (bpf_skb_load_bytes(skb, offsetof(struct iphdr, protocol), &proto, 1))
		return 0;
	if (proto != IPPROTO_UDP)
		return skb->len;
	bpf_skb_store_bytes(skb, sizeof(struct iphdr) + offsetof(struct udphdr, source), &zero, // expect-line
			    sizeof(zero), 0);
	return skb->len;
}
