// After xdp-tutorial and katran-style L4 parsing: TCP destination port counted per packet;
// the bounds check assumes a 20-byte IP header but the TCP header is found through ihl.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, 1024);
	__type(key, u16);
	__type(value, u64);
} port_hits SEC(".maps");

SEC("xdp")
int xdp_port_count(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	struct tcphdr *tcp;
	u64 one = 1, *hits;
	u16 port;

	if ((void *)ip + sizeof(*ip) + sizeof(*tcp) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || ip->protocol != IPPROTO_TCP)
		return XDP_PASS;
	tcp = (void *)ip + ip->ihl * 4;
	port = bpf_ntohs(tcp->dest); // expect-line
	hits = bpf_map_lookup_elem(&port_hits, &port);
	if (hits)
		*hits += 1;
	else
		bpf_map_update_elem(&port_hits, &port, &one, BPF_NOEXIST);
	return XDP_PASS;
}
