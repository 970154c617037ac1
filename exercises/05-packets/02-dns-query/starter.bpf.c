// DNS queries arrive on dojo0.  At tc ingress, keep the one to UDP port 53 and submit the
// name it asks for, with dots between its labels.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define ETH_HLEN    14
#define IP_HLEN     20
#define UDP_HLEN    8
#define DNS_HLEN    12

SEC("tcx/ingress")
int on_ingress(struct __sk_buff *skb)
{
	__u16 dport;

	if (bpf_skb_load_bytes(skb, ETH_HLEN + IP_HLEN + 2, &dport, sizeof(dport)) < 0)
		return TCX_PASS;
	DEBUG_NUM("udp dport", bpf_ntohs(dport));

	// TODO 1: only port 53 (and only UDP: the IP protocol byte, at offset ETH_HLEN + 9, is 17).
	// TODO 2: load the question (at ETH_HLEN + IP_HLEN + UDP_HLEN + DNS_HLEN) into an array,
	//         turn its labels into a dotted name and SUBMIT_STR() it.
	return TCX_PASS;
}
