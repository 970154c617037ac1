// An XDP firewall that drops TCP packets to one port. Mistake: the bounds check subtracts the
// header size from data_end; arithmetic on the packet-end pointer is not allowed (the check
// must be written as "(void *)(th + 1) > data_end").
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800
#define IPPROTO_TCP 6

const volatile u16 blocked_port = 23;

SEC("xdp")
int xdp_port_filter(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	struct tcphdr *th = (void *)(iph + 1);

	if ((void *)th > data_end - sizeof(*th)) // expect-line
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || iph->protocol != IPPROTO_TCP)
		return XDP_PASS;
	if (th->dest == bpf_htons(blocked_port))
		return XDP_DROP;
	return XDP_PASS;
}
