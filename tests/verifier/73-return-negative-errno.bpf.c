// A bind4 program refuses privileged ports the way a syscall would (-EACCES), but a sock_addr
// program answers 1 (allow) or 0 (deny; the caller then gets EPERM).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

#define EACCES 13

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup/bind4")
int no_low_ports(struct bpf_sock_addr *ctx)
{
	if (bpf_ntohs(ctx->user_port) < 1024)
		return -EACCES;
	return 1;
}
