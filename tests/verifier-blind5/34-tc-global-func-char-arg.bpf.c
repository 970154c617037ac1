// tc ingress: copies the question name of DNS queries (UDP port 53) out of the packet and
// counts its labels with a helper function, to spot suspiciously deep names. Mistake: the
// helper is a global (non-static) __noinline function, verified on its own: its "char *"
// argument is known to point to one byte only, so reading name[1] and on is out of bounds (it
// should be static, or take a pointer to a sized array or struct).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

#define TC_ACT_OK 0

char LICENSE[] SEC("license") = "GPL";

#define QNAME_OFF (14 + 20 + 8 + 12)
#define QNAME_MAX 64

__noinline int count_labels(const char *name) // expect-line
{
	int labels = 0;

	if (!name)
		return 0;
	for (int i = 0; i < QNAME_MAX; i++) {
		if (name[i] == 0)
			break;
		labels++;
		i += (unsigned char)name[i];
	}
	return labels;
}

SEC("tc")
int dns_depth(struct __sk_buff *skb)
{
	char qname[QNAME_MAX + 1] = {};
	__u16 dport;

	if (bpf_skb_load_bytes(skb, 14 + 20 + 2, &dport, sizeof(dport)) < 0 ||
	    dport != bpf_htons(53))
		return TC_ACT_OK;
	if (bpf_skb_load_bytes(skb, QNAME_OFF, qname, QNAME_MAX) < 0)
		return TC_ACT_OK;
	DEBUG_NUM("labels", count_labels(qname));
	return TC_ACT_OK;
}
