// After tc programs that look at the socket attached to the skb (selftests/bpf
// test_sock_fields): skb->sk is used, then "released" as if it had been looked up.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define TC_ACT_OK 0

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 16);
	__type(key, u32);
	__type(value, u64);
} by_state SEC(".maps");

SEC("tc")
int tc_count_sk_state(struct __sk_buff *skb)
{
	struct bpf_sock *sk = skb->sk;
	u64 *count;
	u32 state;

	if (!sk)
		return TC_ACT_OK;
	sk = bpf_sk_fullsock(sk);
	if (!sk)
		return TC_ACT_OK;
	state = sk->state & 15;
	count = bpf_map_lookup_elem(&by_state, &state);
	if (count)
		__sync_fetch_and_add(count, 1);
	bpf_sk_release(sk); // expect-line
	return TC_ACT_OK;
}
