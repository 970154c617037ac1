// After tc programs that keep per-packet state in skb->cb[] (as the kernel selftests' tc programs
// do): the slot is chosen at run time, so the context is read at a variable offset.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define TC_ACT_OK 0

SEC("tc")
int tc_cb_count(struct __sk_buff *skb)
{
	u32 slot = skb->mark & 3;
	u32 seen;

	seen = skb->cb[slot]; // expect-line
	skb->cb[slot] = seen + 1;
	return TC_ACT_OK;
}
