// After the kernel's sockmap samples (sk_msg redirect between local sockets): the map is a
// BPF_MAP_TYPE_SOCKMAP but the program calls bpf_msg_redirect_hash(), which needs a SOCKHASH.
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

struct sock_key {
	u32 sip4;
	u32 dip4;
	u32 sport;
	u32 dport;
};

struct {
	__uint(type, BPF_MAP_TYPE_SOCKMAP);
	__uint(max_entries, 65535);
	__type(key, u32);
	__type(value, u32);
} sock_ops_map SEC(".maps");

SEC("sk_msg")
int bpf_redir(struct sk_msg_md *msg)
{
	struct sock_key key = {};

	key.sip4 = msg->remote_ip4;
	key.dip4 = msg->local_ip4;
	key.dport = bpf_htonl(msg->local_port);
	key.sport = msg->remote_port;
	return bpf_msg_redirect_hash(msg, &sock_ops_map, &key, BPF_F_INGRESS); // expect-line
}
