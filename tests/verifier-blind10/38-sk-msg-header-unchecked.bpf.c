// An sk_msg verdict program inspecting a 4-byte application header: it reads msg->data
// without comparing it against msg->data_end first.
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

#define APP_MAGIC 0xfeedf00d

struct {
	__uint(type, BPF_MAP_TYPE_SOCKHASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, u32);
} socks SEC(".maps");

SEC("sk_msg")
int msg_verdict(struct sk_msg_md *msg)
{
	void *data = msg->data;
	u32 key = msg->local_port;

	if (*(u32 *)data != bpf_htonl(APP_MAGIC)) // expect-line
		return SK_PASS;
	return bpf_msg_redirect_hash(msg, &socks, &key, BPF_F_INGRESS);
}
