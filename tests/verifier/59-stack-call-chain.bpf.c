// Each function's stack is under 512 bytes, but the chain of calls together is over it.
// fixture: vm only: the host kernel (6.18) accepts this chain (kernels since 6.14 can give tracing programs a private stack)
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

static __noinline int inner(int n)
{
	volatile char buf[320];

	buf[n & 255] = 1;
	return buf[(n + 1) & 255];
}

static __noinline int outer(int n)
{
	volatile char buf[320];

	buf[n & 255] = 2;
	return inner(n) + buf[(n + 3) & 255];
}

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	DEBUG_NUM("v", outer(bpf_get_prandom_u32()));
	return 0;
}
