// After cgroup ingress firewalls (samples/bpf cgroup_skb, selftests cgroup_skb_sk_lookup):
// a blocked port gets the tc drop verdict instead of the cgroup one.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define TC_ACT_SHOT 2

const volatile u16 blocked_port = 8080;

SEC("cgroup_skb/ingress")
int cg_ingress_block(struct __sk_buff *skb)
{
	struct tcphdr tcp;
	struct iphdr ip;

	if (skb->protocol != bpf_htons(0x0800))
		return 1;
	if (bpf_skb_load_bytes(skb, 0, &ip, sizeof(ip)))
		return 1;
	if (ip.protocol != IPPROTO_TCP)
		return 1;
	if (bpf_skb_load_bytes(skb, ip.ihl * 4, &tcp, sizeof(tcp)))
		return 1;
	if (tcp.dest == bpf_htons(blocked_port))
		return TC_ACT_SHOT; // expect-line
	return 1;
}
