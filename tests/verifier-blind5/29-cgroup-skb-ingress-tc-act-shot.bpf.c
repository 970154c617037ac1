// cgroup_skb/ingress: drops incoming packets from 10.0.0.66 for the cgroup's processes and
// counts them. Mistake: ported from a tc program, it drops with TC_ACT_SHOT (2); a cgroup skb
// ingress program returns 1 (let it through) or 0 (drop).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define TC_ACT_OK   0
#define TC_ACT_SHOT 2

__u64 dropped;

SEC("cgroup_skb/ingress")
int block_host(struct __sk_buff *skb)
{
	struct iphdr ip;

	if (skb->protocol != bpf_htons(0x0800))
		return 1;
	if (bpf_skb_load_bytes(skb, 0, &ip, sizeof(ip)) < 0)
		return 1;
	if (ip.saddr != bpf_htonl(0x0a000042))
		return 1;
	dropped++;
	DEBUG_NUM("dropped", dropped);
	return TC_ACT_SHOT; // expect-line
}
