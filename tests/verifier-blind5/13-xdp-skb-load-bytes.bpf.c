// XDP: copies the first 4 bytes of each UDP payload out of the packet and submits them when
// they read "PING". Mistake: the copy uses bpf_skb_load_bytes(), the tc/socket-filter helper;
// XDP programs have bpf_xdp_load_bytes() (or direct access behind a bounds check).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP    0x0800
#define IPPROTO_UDP 17

SEC("xdp")
int ping_payload(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	struct udphdr *udp = (void *)(ip + 1);
	char word[5] = {};

	if ((void *)(udp + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || ip->ihl != 5 || ip->protocol != IPPROTO_UDP)
		return XDP_PASS;
	if (bpf_skb_load_bytes(ctx, sizeof(*eth) + sizeof(*ip) + sizeof(*udp), word, 4) < 0) // expect-line
		return XDP_PASS;
	if (word[0] == 'P' && word[1] == 'I' && word[2] == 'N' && word[3] == 'G')
		SUBMIT_STR(word);
	return XDP_PASS;
}
