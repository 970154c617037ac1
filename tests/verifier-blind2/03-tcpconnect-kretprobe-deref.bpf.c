// After bcc libbpf-tools' tcpconnect.bpf.c: the kretprobe takes the socket saved at entry and
// reads its port by dereferencing the kernel pointer directly instead of through a probe read.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, u32);
	__type(value, struct sock *);
} sockets SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4096);
	__type(key, u16);
	__type(value, u64);
} port_counts SEC(".maps");

SEC("kprobe/tcp_v4_connect")
int BPF_KPROBE(tcp_v4_connect, struct sock *sk)
{
	u32 tid = (u32)bpf_get_current_pid_tgid();

	bpf_map_update_elem(&sockets, &tid, &sk, BPF_ANY);
	return 0;
}

SEC("kretprobe/tcp_v4_connect")
int BPF_KRETPROBE(tcp_v4_connect_ret, int ret)
{
	u32 tid = (u32)bpf_get_current_pid_tgid();
	struct sock **skpp, *sk;
	u64 one = 1, *count;
	u16 dport;

	skpp = bpf_map_lookup_elem(&sockets, &tid);
	if (!skpp)
		return 0;
	if (ret)
		goto end;
	sk = *skpp;
	dport = sk->__sk_common.skc_dport; // expect-line
	count = bpf_map_lookup_elem(&port_counts, &dport);
	if (count)
		__sync_fetch_and_add(count, 1);
	else
		bpf_map_update_elem(&port_counts, &dport, &one, BPF_NOEXIST);
end:
	bpf_map_delete_elem(&sockets, &tid);
	return 0;
}
