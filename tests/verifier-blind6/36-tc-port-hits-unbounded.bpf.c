// Counts TCP packets per destination port for the well-known ports on tc ingress, in one
// map value holding an array of 1024 counters: the port (up to 65535) indexes the array
// without any check against its size.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800
#define TC_ACT_OK 0
#define NR_PORTS 1024

struct port_hits {
	u64 hits[NR_PORTS];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct port_hits);
} ports SEC(".maps");

SEC("tc")
int count_ports(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	struct tcphdr *tcp = (void *)(iph + 1);
	struct port_hits *ph;
	u32 zero = 0;
	u16 port;

	if ((void *)(tcp + 1) > data_end)
		return TC_ACT_OK;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || iph->protocol != IPPROTO_TCP)
		return TC_ACT_OK;
	ph = bpf_map_lookup_elem(&ports, &zero);
	if (!ph)
		return TC_ACT_OK;
	port = bpf_ntohs(tcp->dest);
	__sync_fetch_and_add(&ph->hits[port], 1); // expect-line
	return TC_ACT_OK;
}
