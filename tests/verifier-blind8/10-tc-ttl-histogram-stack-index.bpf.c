// A tc program that builds a small TTL histogram on the stack for each batch of GRO segments and
// flushes it to a map. It indexes the 64-entry stack array with the raw TTL (0..255), assuming
// TTLs never exceed 64, so the variable-offset write can leave the stack frame.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800
#define TC_ACT_OK 0

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 64);
	__type(key, u32);
	__type(value, u32);
} ttl_hist SEC(".maps");

SEC("tc")
int tc_ttl_hist(struct __sk_buff *skb)
{
	void *data_end = (void *)(long)skb->data_end;
	void *data = (void *)(long)skb->data;
	struct ethhdr *eth = data;
	struct iphdr *iph;
	u32 local[64] = {};
	u32 segs, i, *slot;

	if ((void *)(eth + 1) > data_end || eth->h_proto != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	iph = (void *)(eth + 1);
	if ((void *)(iph + 1) > data_end)
		return TC_ACT_OK;
	segs = skb->gso_segs ? skb->gso_segs : 1;
	local[iph->ttl] += segs; // expect-line
	for (i = 0; i < 64; i++) {
		if (!local[i])
			continue;
		slot = bpf_map_lookup_elem(&ttl_hist, &i);
		if (slot)
			*slot += local[i];
	}
	return TC_ACT_OK;
}
