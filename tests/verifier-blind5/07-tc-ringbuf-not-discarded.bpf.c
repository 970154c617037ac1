// tc egress: sends one event per outgoing IPv4 packet (length and protocol) through a ring
// buffer. Mistake: the event is reserved before the packet is parsed, and the early return for
// a packet that is not IPv4 neither submits nor discards it (a leaked reservation).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

#define TC_ACT_OK 0

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800

struct pkt_event {
	__u32 len;
	__u8 proto;
	__u8 pad[3];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} pkts SEC(".maps");

SEC("tc")
int egress_log(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	struct pkt_event *e;

	e = bpf_ringbuf_reserve(&pkts, sizeof(*e), 0);
	if (!e)
		return TC_ACT_OK;
	if ((void *)(ip + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return TC_ACT_OK; // expect-line
	e->len = skb->len;
	e->proto = ip->protocol;
	bpf_ringbuf_submit(e, 0);
	return TC_ACT_OK;
}
