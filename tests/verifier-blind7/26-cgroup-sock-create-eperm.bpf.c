// A cgroup/sock_create policy that forbids raw sockets inside a container, after the kernel's
// samples/bpf/sock_flags. The mistake: it returns -EPERM like an LSM hook would; a
// cgroup/sock_create program must return 0 (deny) or 1 (allow).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define SOCK_RAW 3
#define EPERM    1

__u64 denied;

SEC("cgroup/sock_create")
int no_raw_sockets(struct bpf_sock *sk)
{
	if (sk->type == SOCK_RAW) {
		__sync_fetch_and_add(&denied, 1);
		return -EPERM; // expect-line
	}
	return 1;
}
