// tc egress: redirects UDP datagrams sent to port 5353 to port 5354 by rewriting the header
// with bpf_skb_store_bytes() and fixing the checksum, then shows the port it replaced.
// Mistake: helpers that may change the packet (bpf_skb_store_bytes, bpf_l4_csum_replace)
// invalidate every packet pointer checked before them; the debug line still reads udp->dest
// through the old pointer instead of re-checking (or using the value saved before).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

#define TC_ACT_OK 0

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP    0x0800
#define IPPROTO_UDP 17
#define UDP_DPORT_OFF (sizeof(struct ethhdr) + sizeof(struct iphdr) + offsetof(struct udphdr, dest))
#define UDP_CSUM_OFF  (sizeof(struct ethhdr) + sizeof(struct iphdr) + offsetof(struct udphdr, check))

SEC("tc")
int mdns_redirect(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	struct udphdr *udp = (void *)(ip + 1);
	__be16 old_port, new_port = bpf_htons(5354);

	if ((void *)(udp + 1) > data_end)
		return TC_ACT_OK;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || ip->ihl != 5 || ip->protocol != IPPROTO_UDP)
		return TC_ACT_OK;
	if (udp->dest != bpf_htons(5353))
		return TC_ACT_OK;
	old_port = udp->dest;
	bpf_l4_csum_replace(skb, UDP_CSUM_OFF, old_port, new_port, sizeof(new_port));
	bpf_skb_store_bytes(skb, UDP_DPORT_OFF, &new_port, sizeof(new_port), 0);
	DEBUG_NUM("was port", bpf_ntohs(udp->dest)); // expect-line
	return TC_ACT_OK;
}
