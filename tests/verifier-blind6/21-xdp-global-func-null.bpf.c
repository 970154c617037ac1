// An XDP program that splits its parsing into a global (non-static) function, as the kernel
// docs suggest for big programs: a global function is verified on its own, so its pointer
// argument may be NULL there, and parse_udp() reads through it without checking.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800

__noinline int parse_udp(struct udphdr *udp)
{
	if (udp->dest == bpf_htons(53)) // expect-line
		return XDP_DROP;
	return XDP_PASS;
}

SEC("xdp")
int xdp_dns_block(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	struct udphdr *udp = (void *)(iph + 1);

	if ((void *)(udp + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || iph->protocol != IPPROTO_UDP)
		return XDP_PASS;
	return parse_udp(udp);
}
