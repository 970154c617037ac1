// A cgroup_skb/ingress firewall dropping packets from blocked IPv4 sources: it returns
// TC_ACT_SHOT (2), but a cgroup skb ingress program must return 1 (allow) or 0 (drop).
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

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, u8);
} blocked SEC(".maps");

SEC("cgroup_skb/ingress")
int ingress_fw(struct __sk_buff *skb)
{
	struct iphdr iph;
	u32 saddr;

	if (skb->protocol != bpf_htons(ETH_P_IP))
		return 1;
	if (bpf_skb_load_bytes(skb, 0, &iph, sizeof(iph)))
		return 1;
	saddr = iph.saddr;
	if (bpf_map_lookup_elem(&blocked, &saddr))
		return TC_ACT_SHOT; // expect-line
	return 1;
}
