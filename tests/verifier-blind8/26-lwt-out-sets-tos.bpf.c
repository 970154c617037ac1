// An lwt_out program on a route that marks outgoing IPv4 packets with a TOS value by writing the
// header directly. Direct packet writes are not allowed in lwt_out (only in lwt_xmit).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

SEC("lwt_out")
int lwt_set_tos(struct __sk_buff *skb)
{
	void *data_end = (void *)(long)skb->data_end;
	void *data = (void *)(long)skb->data;
	struct iphdr *iph = data;

	if ((void *)(iph + 1) > data_end)
		return BPF_OK;
	if (iph->version != 4)
		return BPF_OK;
	iph->tos = 0x10; // expect-line
	return BPF_OK;
}
