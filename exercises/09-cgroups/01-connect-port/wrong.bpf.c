// A plausible mistake: user_port is in network byte order (big-endian), and submitting it as
// it is gives the port with its two bytes swapped.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
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
	SUBMIT_NUM(ctx->user_port);
	return 1;
}
