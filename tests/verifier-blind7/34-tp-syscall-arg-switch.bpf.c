// A configurable syscall argument watcher: user space picks, through a read-only global,
// which argument of openat() to record, and a small helper returns that argument with a
// switch. The mistake: clang merges the switch's six loads of ctx->args[0..5] into one load
// at a computed offset, and a program may not read its context at a variable offset; read
// the argument the switch picked through a fixed access each (e.g. bpf_probe_read_kernel of
// &ctx->args[i] into a local), or fix the index at compile time.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

const volatile __u32 watch_arg = 2;

static __always_inline __u64 syscall_arg(struct trace_event_raw_sys_enter *ctx, __u32 n)
{
	switch (n) { // expect-line
	case 0: return ctx->args[0];
	case 1: return ctx->args[1];
	case 2: return ctx->args[2];
	case 3: return ctx->args[3];
	case 4: return ctx->args[4];
	case 5: return ctx->args[5];
	}
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_openat")
int watch_openat(struct trace_event_raw_sys_enter *ctx)
{
	__u64 v = syscall_arg(ctx, watch_arg);

	DEBUG_NUM("arg", v);
	return 0;
}
