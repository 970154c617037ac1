// After cgroup socket hooks (samples/bpf sock_flags, selftests sock_create): the local port
// is read at socket creation, before the socket is bound.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup/sock_create")
int sock_create_policy(struct bpf_sock *ctx)
{
	if (ctx->family != 2)
		return 1;
	if (ctx->src_port < 1024) // expect-line
		return 0;
	ctx->mark = 7;
	return 1;
}
