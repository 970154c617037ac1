// Reference solution: at tc ingress, keep UDP to port 53, load the question and turn its
// length-prefixed labels into a dotted name.
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
	char q[QNAME_MAX], name[QNAME_MAX] = {};
	__u8 proto;
	__u16 dport;
	int next = 0;   /* index of the next length byte */

	if (bpf_skb_load_bytes(skb, ETH_HLEN + 9, &proto, 1) < 0 || proto != 17)
		return TCX_PASS;
	if (bpf_skb_load_bytes(skb, ETH_HLEN + IP_HLEN + 2, &dport, sizeof(dport)) < 0 ||
	    dport != bpf_htons(53))
		return TCX_PASS;
	if (bpf_skb_load_bytes(skb, ETH_HLEN + IP_HLEN + UDP_HLEN + DNS_HLEN, q, sizeof(q)) < 0)
		return TCX_PASS;
	/* name[i - 1] gets q[i]: the length bytes become dots, the first is dropped */
	for (int i = 0; i < QNAME_MAX; i++) {
		if (i == next) {
			if (q[i] == 0)
				break;
			next = i + 1 + q[i];
			if (i > 0)
				name[i - 1] = '.';
		} else if (i > 0) {
			name[i - 1] = q[i];
		}
	}
	SUBMIT_STR(name);
	return TCX_PASS;
}
