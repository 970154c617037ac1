// After the kernel selftests' connect4_prog and cilium-style socket LB programs: a cgroup
// connect4 hook that blocks a port by returning -EPERM, where it must return 0 (reject) or 1.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define EPERM 1

SEC("cgroup/connect4")
int block_smtp(struct bpf_sock_addr *ctx)
{
	if (ctx->user_port == bpf_htons(25))
		return -EPERM; // expect-line
	return 1;
}
