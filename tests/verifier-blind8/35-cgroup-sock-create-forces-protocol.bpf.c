// A cgroup/sock_create program that wants every new IPv4 datagram socket in the cgroup to use
// UDP-Lite, by writing ctx->protocol. Only bound_dev_if, mark and priority are writable there.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define AF_INET 2
#define SOCK_DGRAM 2
#define IPPROTO_UDPLITE 136

SEC("cgroup/sock_create")
int force_udplite(struct bpf_sock *ctx)
{
	if (ctx->family == AF_INET && ctx->type == SOCK_DGRAM)
		ctx->protocol = IPPROTO_UDPLITE; // expect-line
	return 1;
}
