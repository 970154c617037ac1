// A cgroup/connect4 hook that forbids connecting to port 25 from the cgroup. It returns -EPERM
// as a syscall would, but a connect4 program must return 1 (allow) or 0 (reject).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
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
