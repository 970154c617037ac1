// After the kernel selftests' test_sk_lookup_kern / sk_assign programs: the socket from
// skb->sk is borrowed, not looked up, yet it is handed to bpf_sk_release() as if it were.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

#define TC_ACT_OK 0

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, u64);
} owned SEC(".maps");

SEC("tc")
int tc_count_owned(struct __sk_buff *skb)
{
	struct bpf_sock *sk = skb->sk;
	u32 zero = 0;
	u64 *n;

	if (!sk)
		return TC_ACT_OK;
	sk = bpf_sk_fullsock(sk);
	if (!sk)
		return TC_ACT_OK;
	n = bpf_map_lookup_elem(&owned, &zero);
	if (n && sk->state == 1)
		__sync_fetch_and_add(n, 1);
	bpf_sk_release(sk); // expect-line
	return TC_ACT_OK;
}
