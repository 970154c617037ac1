// After xdp-tutorial's packet03 (port rewriting) and samples/bpf xdp_adjust_tail: Ethernet and
// IPv4 headers are bounds-checked, the UDP header after them is read without a check.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800
#define IPPROTO_UDP_NUM 17

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u16);
	__type(value, u64);
} port_hits SEC(".maps");

SEC("xdp")
int xdp_count_udp_ports(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct ethhdr *eth = data;
	struct iphdr *ip;
	struct udphdr *udp;
	u64 one = 1, *cnt;
	u16 dport;

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end)
		return XDP_PASS;
	if (ip->protocol != IPPROTO_UDP_NUM)
		return XDP_PASS;
	udp = (void *)(ip + 1);
	dport = bpf_ntohs(udp->dest); // expect-line
	cnt = bpf_map_lookup_elem(&port_hits, &dport);
	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	else
		bpf_map_update_elem(&port_hits, &dport, &one, BPF_NOEXIST);
	return XDP_PASS;
}
