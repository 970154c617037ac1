// A cgroup_skb ingress filter that drops packets from one blocked IPv4 source. It returns 2
// (thinking of TC_ACT_SHOT) to drop, but cgroup_skb/ingress programs must return 0 or 1.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define TC_ACT_SHOT 2

const volatile u32 blocked_saddr = 0x0100000a;

SEC("cgroup_skb/ingress")
int cg_block_src(struct __sk_buff *skb)
{
	struct iphdr iph;

	if (skb->protocol != bpf_htons(0x0800))
		return 1;
	if (bpf_skb_load_bytes(skb, 0, &iph, sizeof(iph)))
		return 1;
	if (iph.saddr == blocked_saddr)
		return TC_ACT_SHOT; // expect-line
	return 1;
}
