// A checksum over the first bytes a process writes, in a function of its own that takes a
// `void *`: a global function is verified from its signature alone, and void has no size.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

__noinline int checksum(const void *data, int n)
{
	const unsigned char *b = data;
	int sum = 0;

	for (int i = 0; i < 16 && i < n; i++)
		sum ^= b[i];
	return sum;
}

SEC("tp/syscalls/sys_enter_write")
int sum_writes(struct trace_event_raw_sys_enter *ctx)
{
	unsigned char head[16] = {};

	bpf_probe_read_user(head, sizeof(head), (void *)ctx->args[1]);
	DEBUG_NUM("checksum", checksum(head, sizeof(head)));
	return 0;
}
