// An XDP filter that drops UDP packets to one port (the shape of xdp-tutorial's
// packet02-rewriting and katran's parsing): Ethernet and IP headers are checked against
// data_end in one test, but the UDP header behind them is read without its own check.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800
#define BLOCKED_PORT 5353

SEC("xdp")
int xdp_drop_port(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = data + sizeof(*eth);
	struct udphdr *udp;

	if (data + sizeof(*eth) + sizeof(*iph) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || iph->protocol != IPPROTO_UDP)
		return XDP_PASS;
	udp = (void *)(iph + 1);
	if (udp->dest == bpf_htons(BLOCKED_PORT)) // expect-line
		return XDP_DROP;
	return XDP_PASS;
}
