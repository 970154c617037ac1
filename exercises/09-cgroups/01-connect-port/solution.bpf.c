// Reference solution: a cgroup/connect4 program on the guest's root cgroup; for client's
// connect(), submit the destination port in host byte order, and let every connect() through.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup/connect4")
int on_connect(struct bpf_sock_addr *ctx)
{
	const char want[] = "client";
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 1;
	SUBMIT_NUM(bpf_ntohs(ctx->user_port));
	return 1;
}
