// Counts UDP packets to port 53 (XDP), finding the UDP header after the IP header's real length,
// but bounds-checking a pointer computed for a 20-byte IP header instead of the one it reads.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("xdp")
int count_dns(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct iphdr *ip = data + sizeof(struct ethhdr);
	struct udphdr *udp;

	if ((void *)(ip + 1) > data_end || ip->protocol != IPPROTO_UDP)
		return XDP_PASS;
	udp = (void *)ip + ip->ihl * 4;
	if ((void *)(ip + 1) + sizeof(*udp) > data_end)
		return XDP_PASS;
	if (udp->dest == bpf_htons(53))
		DEBUG_NUM("dns", 1);
	return XDP_PASS;
}
