// Datagrams arrive on dojo0 for UDP port 7000: most say "knock", one says "open".  Submit
// the source port of the one that says "open".
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP    0x0800
#define IPPROTO_UDP 17

SEC("socket")
int filter(struct __sk_buff *skb)
{
	__u16 proto;

	if (bpf_skb_load_bytes(skb, 12, &proto, sizeof(proto)))
		return skb->len;
	DEBUG_NUM("ethertype", bpf_ntohs(proto));
	// TODO 1: IPv4 (ethertype 0x0800) and UDP (the IP protocol byte, at offset 23) only.
	// TODO 2: the payload at offset 42: is it "open"?
	// TODO 3: the source port at offset 34, in host byte order: SUBMIT_NUM() it.
	return skb->len;
}
