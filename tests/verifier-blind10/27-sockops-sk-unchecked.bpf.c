// A sockops program counting established connections per remote port: skops->sk may be NULL
// and is dereferenced without a check.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";
#define ETH_P_IP 0x0800
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17
#define TC_ACT_OK 0
#define TC_ACT_SHOT 2

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, u64);
} est_by_port SEC(".maps");

SEC("sockops")
int count_established(struct bpf_sock_ops *skops)
{
	struct bpf_sock *sk;
	u64 one = 1, *cnt;
	u32 port;

	if (skops->op != BPF_SOCK_OPS_ACTIVE_ESTABLISHED_CB &&
	    skops->op != BPF_SOCK_OPS_PASSIVE_ESTABLISHED_CB)
		return 1;
	sk = skops->sk;
	port = bpf_ntohs(sk->dst_port); // expect-line
	cnt = bpf_map_lookup_elem(&est_by_port, &port);
	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	else
		bpf_map_update_elem(&est_by_port, &port, &one, BPF_ANY);
	return 1;
}
