// A cgroup ingress filter that returns an XDP/tc-style verdict (2) where only 0 or 1 is allowed.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
char LICENSE[] SEC("license") = "GPL";

#define DROP 2

SEC("cgroup_skb/ingress")
int ingress_filter(struct __sk_buff *skb)
{
	if (skb->len > 1400)
		return DROP;
	return 1;
}
