// A sockops program that enables RTT callbacks on established connections and counts
// connections per TCP state. It reads skops->sk, which may be NULL, without checking it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 16);
	__type(key, u32);
	__type(value, u64);
} by_state SEC(".maps");

SEC("sockops")
int sockops_rtt(struct bpf_sock_ops *skops)
{
	struct bpf_sock *sk;
	u64 *cnt;
	u32 state;

	switch (skops->op) {
	case BPF_SOCK_OPS_ACTIVE_ESTABLISHED_CB:
	case BPF_SOCK_OPS_PASSIVE_ESTABLISHED_CB:
		bpf_sock_ops_cb_flags_set(skops, BPF_SOCK_OPS_RTT_CB_FLAG);
		break;
	case BPF_SOCK_OPS_RTT_CB:
		sk = skops->sk;
		state = sk->state; // expect-line
		cnt = bpf_map_lookup_elem(&by_state, &state);
		if (cnt)
			__sync_fetch_and_add(cnt, 1);
		break;
	}
	return 1;
}
