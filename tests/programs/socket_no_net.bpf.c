// A socket filter in an exercise without the network interface: attach fails with a sentence
// that names the interface, verdict LOAD_ERROR.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("socket")
int filter(struct __sk_buff *skb)
{
	return skb->len;
}
