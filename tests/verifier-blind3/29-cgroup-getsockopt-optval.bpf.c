// After the kernel selftests' sockopt_sk and sockopt_inherit programs: a getsockopt hook reads
// the first byte of optval without first checking it against optval_end.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

#define SOL_IP 0
#define IP_TOS 1

SEC("cgroup/getsockopt")
int override_tos(struct bpf_sockopt *ctx)
{
	u8 *optval = ctx->optval;

	if (ctx->level != SOL_IP || ctx->optname != IP_TOS)
		return 1;
	if (optval[0] == 0) { // expect-line
		optval[0] = 0x10;
		ctx->retval = 0;
		ctx->optlen = 1;
	}
	return 1;
}
