// After a cgroup_skb firewall (the kernel selftests' cgroup_skb programs): the drop verdict is
// written as tc's TC_ACT_SHOT, but a cgroup_skb ingress program may only return 0 or 1.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ETH_P_IP 0x0800
#define TC_ACT_OK 0
#define TC_ACT_SHOT 2

const volatile u32 blocked_ip = 0x0100007f;

SEC("cgroup_skb/ingress")
int ingress_firewall(struct __sk_buff *skb)
{
	if (skb->protocol == bpf_htons(ETH_P_IP) && skb->remote_ip4 == blocked_ip)
		return TC_ACT_SHOT; // expect-line
	return 1;
}
