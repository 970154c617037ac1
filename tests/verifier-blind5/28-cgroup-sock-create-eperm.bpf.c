// cgroup/sock_create: forbids raw sockets in the cgroup and reports who tried. Mistake: it
// denies with -EPERM, as an LSM hook would; cgroup socket programs return 1 to allow and 0 to
// deny, nothing else.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define SOCK_RAW 3
#define EPERM    1

SEC("cgroup/sock_create")
int no_raw(struct bpf_sock *ctx)
{
	if (ctx->type != SOCK_RAW)
		return 1;
	DEBUG_NUM("raw protocol", ctx->protocol);
	return -EPERM; // expect-line
}
