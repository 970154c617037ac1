// A tc program pulls the UDP header into the linear part when it is not there yet, re-reads
// data_end, but keeps using the header pointers it computed before the pull. The verifier
// stops at a context read the compiler moved across the call; the line to change is the use.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tc")
int count_dns(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	struct udphdr *udp = (void *)(iph + 1);

	if ((void *)(udp + 1) > data_end)
		bpf_skb_pull_data(skb, sizeof(*eth) + sizeof(*iph) + sizeof(*udp));
	data_end = (void *)(long)skb->data_end;
	if ((void *)(udp + 1) > data_end)
		return 0;
	if (udp->dest == bpf_htons(53))
		DEBUG_NUM("dns", iph->saddr);
	return 0;
}
