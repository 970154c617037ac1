// A netfilter (BPF_PROG_TYPE_NETFILTER) hook that accepts everything but tags packets from
// loopback by writing skb->mark through the sk_buff pointer in bpf_nf_ctx, which may only be
// read.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define NF_ACCEPT 1

SEC("netfilter")
int nf_tag_lo(struct bpf_nf_ctx *ctx)
{
	struct sk_buff *skb = ctx->skb;
	const struct nf_hook_state *state = ctx->state;

	if (state->in && state->in->ifindex == 1)
		skb->mark = 0x10; // expect-line
	return NF_ACCEPT;
}
