// A socket filter reads data and data_meta like an XDP program: the verifier names only the
// first read the compiler emitted; every other refused read gets its own span.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("socket")
int count_meta(struct __sk_buff *skb)
{
	void *meta = (void *)(long)skb->data_meta;
	void *data = (void *)(long)skb->data;

	return data - meta > 4 ? -1 : 0;
}
