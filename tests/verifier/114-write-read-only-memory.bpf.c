// Clears the ECN bits of IPv4 packets through an skb dynptr, but takes the header with
// bpf_dynptr_slice(), whose view is read-only, and writes through it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

extern int bpf_dynptr_from_skb(struct __sk_buff *skb, u64 flags, struct bpf_dynptr *ptr__uninit) __ksym;
extern void *bpf_dynptr_slice(const struct bpf_dynptr *ptr, u32 offset, void *buffer__opt,
			      u32 buffer__szk) __ksym;

SEC("tc")
int clear_ecn(struct __sk_buff *skb)
{
	struct bpf_dynptr d;
	struct iphdr copy, *ip;

	if (skb->protocol != bpf_htons(0x0800) || bpf_dynptr_from_skb(skb, 0, &d))
		return 0;
	ip = bpf_dynptr_slice(&d, 14, &copy, sizeof(copy));
	if (!ip)
		return 0;
	ip->tos &= ~3;
	return 0;
}
