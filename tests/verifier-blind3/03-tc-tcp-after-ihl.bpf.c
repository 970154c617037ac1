// After libbpf-bootstrap's tc example and the kernel selftests' test_tc_tunnel parsing: the TCP
// header is found past a variable-length IPv4 header (ihl * 4); the check before it only covers
// a fixed-size IP header, not the TCP header at the variable offset.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800
#define TC_ACT_OK 0
#define TC_ACT_SHOT 2

SEC("tc")
int tc_drop_telnet(struct __sk_buff *skb)
{
	void *data_end = (void *)(long)skb->data_end;
	void *data = (void *)(long)skb->data;
	struct ethhdr *eth = data;
	struct iphdr *ip;
	struct tcphdr *tcp;
	u32 hlen;

	if ((void *)(eth + 1) > data_end)
		return TC_ACT_OK;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end)
		return TC_ACT_OK;
	if (ip->protocol != IPPROTO_TCP)
		return TC_ACT_OK;
	hlen = ip->ihl * 4;
	if (hlen < sizeof(*ip))
		return TC_ACT_OK;
	tcp = (void *)ip + hlen;
	if (tcp->dest == bpf_htons(23)) // expect-line
		return TC_ACT_SHOT;
	return TC_ACT_OK;
}
