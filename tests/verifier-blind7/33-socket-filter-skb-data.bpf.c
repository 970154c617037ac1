// A socket filter (SO_ATTACH_BPF) that keeps only UDP datagrams to port 53 on a raw socket,
// written like a tc program. The mistake: socket filter programs cannot use skb->data and
// skb->data_end for direct packet access; they must read packet bytes with
// bpf_skb_load_bytes().
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define IPPROTO_UDP 17

SEC("socket")
int dns_only(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data; // expect-line
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	struct udphdr *udp = (void *)(ip + 1);

	if ((void *)(udp + 1) > data_end)
		return 0;
	if (eth->h_proto != bpf_htons(0x0800) || ip->protocol != IPPROTO_UDP)
		return 0;
	if (udp->dest != bpf_htons(53))
		return 0;
	return skb->len;
}
