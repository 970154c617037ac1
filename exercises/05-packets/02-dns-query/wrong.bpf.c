// A plausible mistake: the right query, but the name submitted as it is on the wire, length
// bytes and all, instead of in the dotted form.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define ETH_HLEN    14
#define IP_HLEN     20
#define UDP_HLEN    8
#define DNS_HLEN    12
#define QNAME_MAX   32

SEC("tcx/ingress")
int on_ingress(struct __sk_buff *skb)
{
	char q[QNAME_MAX];
	__u8 proto;
	__u16 dport;

	if (bpf_skb_load_bytes(skb, ETH_HLEN + 9, &proto, 1) < 0 || proto != 17)
		return TCX_PASS;
	if (bpf_skb_load_bytes(skb, ETH_HLEN + IP_HLEN + 2, &dport, sizeof(dport)) < 0 ||
	    dport != bpf_htons(53))
		return TCX_PASS;
	if (bpf_skb_load_bytes(skb, ETH_HLEN + IP_HLEN + UDP_HLEN + DNS_HLEN, q, sizeof(q)) < 0)
		return TCX_PASS;
	q[QNAME_MAX - 1] = 0;
	SUBMIT_STR(q);
	return TCX_PASS;
}
