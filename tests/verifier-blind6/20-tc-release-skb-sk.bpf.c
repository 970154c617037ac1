// On tc egress, marks packets of established sockets through skb->sk and bpf_sk_fullsock()
// (as the selftests' tcp_sock programs do): the socket was not looked up, so it holds no
// reference, yet the program calls bpf_sk_release() on it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define TC_ACT_OK 0

SEC("tc")
int mark_by_state(struct __sk_buff *skb)
{
	struct bpf_sock *sk = skb->sk;

	if (!sk)
		return TC_ACT_OK;
	sk = bpf_sk_fullsock(sk);
	if (!sk)
		return TC_ACT_OK;
	if (sk->state == 1 /* TCP_ESTABLISHED */)
		skb->mark = sk->src_port;
	bpf_sk_release(sk); // expect-line
	return TC_ACT_OK;
}
