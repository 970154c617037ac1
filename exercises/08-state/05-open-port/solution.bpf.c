// Reference solution: a socket filter that checks IPv4 and UDP, keeps the datagram whose
// payload is "open", and submits its source port in host byte order.
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
	__u16 proto, sport, port;
	__u8 ipproto;
	char payload[4];

	if (bpf_skb_load_bytes(skb, 12, &proto, sizeof(proto)) || proto != bpf_htons(ETH_P_IP))
		return skb->len;
	if (bpf_skb_load_bytes(skb, 23, &ipproto, sizeof(ipproto)) || ipproto != IPPROTO_UDP)
		return skb->len;
	if (bpf_skb_load_bytes(skb, 42, payload, sizeof(payload)) ||
	    payload[0] != 'o' || payload[1] != 'p' || payload[2] != 'e' || payload[3] != 'n')
		return skb->len;
	if (bpf_skb_load_bytes(skb, 34, &sport, sizeof(sport)))
		return skb->len;
	port = bpf_ntohs(sport);
	SUBMIT_NUM(port);
	return skb->len;
}
