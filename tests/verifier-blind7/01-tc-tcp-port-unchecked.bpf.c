// A tc ingress classifier after cilium-style port filters: counts TCP segments to port 22 per
// source address. The mistake: the Ethernet and IP headers are bounds-checked, but the TCP
// header after the variable-length IP header is read without a check against data_end.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP     0x0800
#define IPPROTO_TCP  6
#define TC_ACT_OK    0

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u64);
} ssh_hits SEC(".maps");

SEC("tc")
int count_ssh(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip;
	struct tcphdr *tcp;
	__u64 one = 1, *cnt;
	__u32 saddr;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > data_end || ip->protocol != IPPROTO_TCP)
		return TC_ACT_OK;
	tcp = (void *)ip + ip->ihl * 4;
	if (tcp->dest != bpf_htons(22)) // expect-line
		return TC_ACT_OK;
	saddr = ip->saddr;
	cnt = bpf_map_lookup_elem(&ssh_hits, &saddr);
	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	else
		bpf_map_update_elem(&ssh_hits, &saddr, &one, BPF_ANY);
	return TC_ACT_OK;
}
