// After the kernel selftests' sockopt_sk.c (a cgroup/getsockopt hook that overrides IP_TOS):
// it writes optval[0] without first checking optval + 1 against optval_end.
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

#define SOL_IP 0
#define IP_TOS 1

SEC("cgroup/getsockopt")
int override_tos(struct bpf_sockopt *ctx)
{
	u8 *optval = ctx->optval;

	if (ctx->level != SOL_IP || ctx->optname != IP_TOS)
		return 1;
	optval[0] = 0x80; // expect-line
	ctx->optlen = 1;
	ctx->retval = 0;
	return 1;
}
