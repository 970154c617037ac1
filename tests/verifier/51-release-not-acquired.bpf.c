// skb->sk was not acquired by the program (bpf_sk_lookup_*): it must not be released.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

#define TC_ACT_OK 0

char LICENSE[] SEC("license") = "GPL";

SEC("tc")
int drop_ref(struct __sk_buff *skb)
{
	struct bpf_sock *sk = skb->sk;

	if (!sk)
		return TC_ACT_OK;
	bpf_sk_release(sk);
	return TC_ACT_OK;
}
