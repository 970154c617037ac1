// Counts the lines of an HTTP request seen on tc ingress by scanning the TCP payload for
// '\n': the loop runs up to the payload length taken from the IP header, which the verifier
// cannot bound, so it walks the loop one iteration at a time until it gives up.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800
#define TC_ACT_OK 0

SEC("tc")
int count_lines(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	struct tcphdr *tcp = (void *)(iph + 1);
	unsigned char *payload = (void *)(tcp + 1);
	u32 len, lines = 0;

	if ((void *)payload > data_end)
		return TC_ACT_OK;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || iph->protocol != IPPROTO_TCP)
		return TC_ACT_OK;
	if (tcp->dest != bpf_htons(80))
		return TC_ACT_OK;
	len = bpf_ntohs(iph->tot_len) - sizeof(*iph) - sizeof(*tcp);
	for (u32 i = 0; i < len; i++) { // expect-line
		if ((void *)(payload + i + 1) > data_end)
			break;
		if (payload[i] == '\n')
			lines++;
	}
	if (lines)
		SUBMIT_NUM(lines);
	return TC_ACT_OK;
}
