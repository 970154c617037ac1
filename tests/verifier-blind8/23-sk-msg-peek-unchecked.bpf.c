// An sk_msg program on a sockmap that redirects messages starting with the magic byte 'R' to a
// relay socket. It reads the first byte of msg->data without checking it against
// msg->data_end.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_SOCKMAP);
	__uint(max_entries, 2);
	__type(key, u32);
	__type(value, u64);
} relay SEC(".maps");

SEC("sk_msg")
int msg_relay(struct sk_msg_md *msg)
{
	u8 *p = msg->data;

	if (*p == 'R') // expect-line
		return bpf_msg_redirect_map(msg, &relay, 0, BPF_F_INGRESS);
	return SK_PASS;
}
