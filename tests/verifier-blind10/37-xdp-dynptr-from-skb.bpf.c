// An XDP parser written with dynptrs: it creates the dynptr with bpf_dynptr_from_skb(), the
// tc/skb kfunc, instead of bpf_dynptr_from_xdp().
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";
#define ETH_P_IP 0x0800
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17
#define TC_ACT_OK 0
#define TC_ACT_SHOT 2

extern int bpf_dynptr_from_skb(struct __sk_buff *skb, u64 flags, struct bpf_dynptr *ptr__uninit) __ksym;
extern void *bpf_dynptr_slice(const struct bpf_dynptr *ptr, u32 offset, void *buffer__opt,
			      u32 buffer__szk) __ksym;

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, u64);
} ipv4_pkts SEC(".maps");

SEC("xdp")
int xdp_dynptr(struct xdp_md *ctx)
{
	struct ethhdr buf, *eth;
	struct bpf_dynptr ptr;
	u32 zero = 0;
	u64 *cnt;

	if (bpf_dynptr_from_skb((struct __sk_buff *)ctx, 0, &ptr)) // expect-line
		return XDP_PASS;
	eth = bpf_dynptr_slice(&ptr, 0, &buf, sizeof(buf));
	if (!eth)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(ETH_P_IP))
		return XDP_PASS;
	cnt = bpf_map_lookup_elem(&ipv4_pkts, &zero);
	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	return XDP_PASS;
}
