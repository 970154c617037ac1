// A tc ingress program that copies the IPv4 header including options to the stack with
// bpf_skb_load_bytes() to look for the Router Alert option. The buffer is sized for the 40
// bytes of options, but the length passed is the whole header (up to 60 bytes).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800
#define TC_ACT_OK 0
#define IPOPT_RA 148

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, u64);
} ra_seen SEC(".maps");

SEC("tc")
int tc_router_alert(struct __sk_buff *skb)
{
	u8 opts[40];
	u8 ihl_byte;
	u32 hlen, zero = 0;
	u64 *cnt;

	if (skb->protocol != bpf_htons(ETH_P_IP))
		return TC_ACT_OK;
	if (bpf_skb_load_bytes(skb, sizeof(struct ethhdr), &ihl_byte, 1))
		return TC_ACT_OK;
	hlen = (ihl_byte & 0x0f) * 4;
	if (hlen <= sizeof(struct iphdr))
		return TC_ACT_OK;
	if (bpf_skb_load_bytes(skb, sizeof(struct ethhdr), opts, hlen)) // expect-line
		return TC_ACT_OK;
	if (opts[20] != IPOPT_RA)
		return TC_ACT_OK;
	cnt = bpf_map_lookup_elem(&ra_seen, &zero);
	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	return TC_ACT_OK;
}
