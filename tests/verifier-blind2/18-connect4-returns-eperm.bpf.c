// After the kernel selftests' connect4 programs, used to block one destination port: the
// refusal returns -EPERM as a syscall would, but a sock_addr program returns 1 (allow) or 0 (deny).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define EPERM 1

const volatile u16 blocked_port = 25;

SEC("cgroup/connect4")
int block_smtp(struct bpf_sock_addr *ctx)
{
	if (ctx->user_port == bpf_htons(blocked_port))
		return -EPERM; // expect-line
	return 1;
}
