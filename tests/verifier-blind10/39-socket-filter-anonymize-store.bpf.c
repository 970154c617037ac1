// A socket filter that zeroes the IPv4 source address before handing packets to a capture
// socket: it calls bpf_skb_store_bytes(), which socket filters are not allowed to use.
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

SEC("socket")
int anon_capture(struct __sk_buff *skb)
{
	u32 zero_addr = 0;
	u8 ver;

	if (bpf_skb_load_bytes(skb, sizeof(struct ethhdr), &ver, 1))
		return 0;
	if ((ver >> 4) != 4)
		return skb->len;
	bpf_skb_store_bytes(skb, sizeof(struct ethhdr) + offsetof(struct iphdr, saddr), // expect-line
			    &zero_addr, sizeof(zero_addr), 0);
	return skb->len;
}
