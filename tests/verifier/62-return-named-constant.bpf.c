// A cgroup program returns a verdict spelled with a macro from another program type (tc's
// TC_ACT_SHOT is 2): the verifier notices at the exit, the return statement is the line to fix.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

#define TC_ACT_SHOT 2

char LICENSE[] SEC("license") = "GPL";

SEC("cgroup_skb/ingress")
int ingress(struct __sk_buff *skb)
{
	if (skb->protocol == 0)
		return TC_ACT_SHOT;
	return 1;
}
