// A plausible mistake: the right datagram, but the token read from the start of the payload,
// "token=" included, cut to 12 characters.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP    0x0800
#define IPPROTO_UDP 17
#define TOKEN_LEN   12

SEC("xdp")
int on_packet(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip;
	struct udphdr *udp;
	char token[TOKEN_LEN + 1] = {};
	char *p;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end || ip->protocol != IPPROTO_UDP)
		return XDP_PASS;
	udp = (void *)(ip + 1);
	if ((void *)(udp + 1) > data_end || udp->dest != bpf_htons(4242))
		return XDP_PASS;
	p = (void *)(udp + 1);
	if ((void *)(p + TOKEN_LEN) > data_end)
		return XDP_PASS;
	__builtin_memcpy(token, p, TOKEN_LEN);
	SUBMIT_STR(token);
	return XDP_PASS;
}
