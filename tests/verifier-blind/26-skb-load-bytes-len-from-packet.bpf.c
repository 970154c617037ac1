// After a tc payload sampler: the number of bytes copied out of the packet comes from the
// packet itself and is not bounded by the buffer.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

SEC("tc")
int sample_payload(struct __sk_buff *skb)
{
	char buf[64];
	u8 len;

	if (bpf_skb_load_bytes(skb, 0, &len, 1))
		return 0;
	if (bpf_skb_load_bytes(skb, 1, buf, len)) // expect-line
		return 0;
	return buf[0] == 0x45;
}
