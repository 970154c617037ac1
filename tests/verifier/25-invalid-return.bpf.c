// A cgroup socket program returns 1 (allow) or 0 (deny): 2 is neither.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup/sock_create")
int on_sock(struct bpf_sock *sk)
{
	return 2;
}
