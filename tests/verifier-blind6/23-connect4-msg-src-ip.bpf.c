// A cgroup/connect4 program that logs the source address of each outgoing connect() and
// steers port 8080 to 80 (after the selftests' connect4_prog): msg_src_ip4 is only valid in
// sendmsg4 programs; in connect4 the context field may not be read at all.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup/connect4")
int steer_connect(struct bpf_sock_addr *ctx)
{
	u32 src = ctx->msg_src_ip4; // expect-line

	DEBUG_NUM("connect from", bpf_ntohl(src));
	if (ctx->user_port == bpf_htons(8080))
		ctx->user_port = bpf_htons(80);
	return 1;
}
