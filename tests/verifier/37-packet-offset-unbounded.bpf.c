// XDP: an offset read from the packet is added to the packet pointer without a bound.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("xdp")
int skip_options(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct iphdr *ip = data + sizeof(struct ethhdr);
	__u8 *l4;

	if ((void *)(ip + 1) > data_end)
		return XDP_PASS;
	l4 = (void *)ip + ip->ihl * 4 * bpf_get_prandom_u32();
	if ((void *)(l4 + 1) > data_end)
		return XDP_PASS;
	return *l4 ? XDP_PASS : XDP_DROP;
}
