// Datagrams arrive on dojo0, each "token=<12 characters>\n".  Parse Ethernet, IPv4 and UDP
// with bounds checks, keep the one sent to port 4242, and submit its 12 characters.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP    0x0800
#define IPPROTO_UDP 17

SEC("xdp")
int on_packet(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	DEBUG_NUM("ethertype", bpf_ntohs(eth->h_proto));

	// TODO 1: IPv4 only; then the IP header (check its bounds), UDP only (ip->protocol).
	// TODO 2: the UDP header (bounds!), destination port 4242 only (network byte order).
	// TODO 3: the payload after the UDP header: skip "token=", copy 12 bytes, SUBMIT_STR().
	return XDP_PASS;
}
