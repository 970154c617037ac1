// Two processes connect() to ports on 127.0.0.1: "prober", then "client".  This program runs
// at every IPv4 connect() of the guest's processes.  Submit the port client connects to.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup/connect4")
int on_connect(struct bpf_sock_addr *ctx)
{
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	DEBUG_STR("comm", comm);
	DEBUG_NUM("user_port", ctx->user_port);

	// TODO: only client's connect(): SUBMIT_NUM(the port, in host byte order)
	return 1;   /* 1: let the connect() go on; 0 would refuse it (EPERM) */
}
