// A cgroup/sock_create program that forbids raw sockets in a container (after the kernel's
// samples/bpf sock_flags and test_sock): it returns -EPERM to deny, but a cgroup sock program
// must return 1 (allow) or 0 (deny); the kernel turns 0 into EPERM by itself.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define SOCK_RAW 3
#define EPERM 1

SEC("cgroup/sock_create")
int deny_raw(struct bpf_sock *sk)
{
	if (sk->type == SOCK_RAW) {
		DEBUG_NUM("raw socket protocol", sk->protocol);
		return -EPERM; // expect-line
	}
	return 1;
}
