// A cgroup_skb ingress program that drops UDP packets to one port for the processes of a
// cgroup. Mistake: it returns TC_ACT_SHOT (2) to drop, as a tc program would; a cgroup_skb
// ingress program must return 1 (allow) or 0 (drop).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define IPPROTO_UDP 17

const volatile u16 blocked_port = 5353;

SEC("cgroup_skb/ingress")
int drop_udp_port(struct __sk_buff *skb)
{
	struct udphdr uh;
	struct iphdr iph;

	if (skb->protocol != bpf_htons(0x0800))
		return 1;
	if (bpf_skb_load_bytes(skb, 0, &iph, sizeof(iph)))
		return 1;
	if (iph.protocol != IPPROTO_UDP)
		return 1;
	if (bpf_skb_load_bytes(skb, iph.ihl * 4, &uh, sizeof(uh)))
		return 1;
	if (uh.dest == bpf_htons(blocked_port))
		return 2; // expect-line
	return 1;
}
