// XDP: drops UDP datagrams to port 9999 and counts them. Mistake: the Ethernet and IP headers
// are bounds-checked against data_end, the UDP header behind them is not.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP    0x0800
#define IPPROTO_UDP 17

__u64 dropped;

SEC("xdp")
int drop_9999(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip;
	struct udphdr *udp;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end)
		return XDP_PASS;
	if (ip->protocol != IPPROTO_UDP)
		return XDP_PASS;
	udp = (void *)ip + ip->ihl * 4;
	if (udp->dest != bpf_htons(9999)) // expect-line
		return XDP_PASS;
	dropped++;
	DEBUG_NUM("dropped", dropped);
	return XDP_DROP;
}
