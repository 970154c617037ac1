// An XDP DNS sniffer split into helper functions the way a larger parser grows: the main
// program keeps a copy of the query name, and a non-inlined helper decodes the labels into a
// buffer of its own. The mistake: the two frames' stack buffers together exceed the 512-byte
// BPF stack, which the verifier checks across the whole call chain.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define QNAME_MAX 256

__u64 queries;

static __noinline int decode_labels(struct xdp_md *ctx, __u32 off)
{
	char labels[QNAME_MAX + 64]; // expect-line
	int n = 0;

	if (bpf_xdp_load_bytes(ctx, off, labels, sizeof(labels)))
		return 0;
	for (int i = 0; i < sizeof(labels); i++) {
		if (!labels[i])
			break;
		n++;
	}
	return n;
}

SEC("xdp")
int dns_sniff(struct xdp_md *ctx)
{
	char qname[QNAME_MAX];
	int len;

	if (bpf_xdp_load_bytes(ctx, 42 + 12, qname, sizeof(qname)))
		return XDP_PASS;
	len = decode_labels(ctx, 42 + 12);
	if (len > 0 && qname[0])
		__sync_fetch_and_add(&queries, 1);
	return XDP_PASS;
}
