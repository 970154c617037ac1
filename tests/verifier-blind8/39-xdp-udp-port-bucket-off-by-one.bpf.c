// An XDP program counting UDP packets per destination port bucket (port / 1000) in a map value
// holding 64 counters; ports of 64000 and up are meant to be skipped. The bucket check is
// 'bucket > 64' instead of 'bucket >= 64', so the counter one past the end can be touched.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800
#define IPPROTO_UDP 17
#define NBUCKETS 64

struct port_hist {
	u64 cnt[NBUCKETS];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct port_hist);
} port_hist SEC(".maps");

SEC("xdp")
int xdp_port_hist(struct xdp_md *ctx)
{
	void *data_end = (void *)(long)ctx->data_end;
	void *data = (void *)(long)ctx->data;
	struct ethhdr *eth = data;
	struct port_hist *h;
	struct iphdr *iph;
	struct udphdr *udp;
	u32 zero = 0, bucket;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	iph = (void *)(eth + 1);
	if ((void *)(iph + 1) > data_end || iph->protocol != IPPROTO_UDP)
		return XDP_PASS;
	udp = (void *)(iph + 1);
	if ((void *)(udp + 1) > data_end)
		return XDP_PASS;
	h = bpf_map_lookup_elem(&port_hist, &zero);
	if (!h)
		return XDP_PASS;
	bucket = bpf_ntohs(udp->dest) / 1000;
	if (bucket > NBUCKETS)
		return XDP_PASS;
	__sync_fetch_and_add(&h->cnt[bucket], 1); // expect-line
	return XDP_PASS;
}
