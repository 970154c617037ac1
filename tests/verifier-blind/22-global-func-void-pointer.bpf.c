// After an issue thread about a global helper taking a void pointer: the verifier checks a
// global function on its own and cannot tell what a void * points to.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

__noinline int sum_bytes(void *buf, int len) // expect-line
{
	unsigned char *p = buf;
	int s = 0;

	for (int i = 0; i < 8 && i < len; i++)
		s += p[i];
	return s;
}

SEC("tp/syscalls/sys_enter_write")
int on_write(struct trace_event_raw_sys_enter *ctx)
{
	char tmp[8] = {};

	bpf_probe_read_user(tmp, sizeof(tmp), (void *)ctx->args[1]);
	return sum_bytes(tmp, sizeof(tmp)) == 0;
}
