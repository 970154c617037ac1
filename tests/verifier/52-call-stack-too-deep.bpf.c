// Nine nested calls: the verifier allows at most eight frames.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

static __noinline int f8(int n) { return n + (int)bpf_get_prandom_u32(); }
static __noinline int f7(int n) { return f8(n + 1) + 1; }
static __noinline int f6(int n) { return f7(n + 1) + 1; }
static __noinline int f5(int n) { return f6(n + 1) + 1; }
static __noinline int f4(int n) { return f5(n + 1) + 1; }
static __noinline int f3(int n) { return f4(n + 1) + 1; }
static __noinline int f2(int n) { return f3(n + 1) + 1; }
static __noinline int f1(int n) { return f2(n + 1) + 1; }

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	DEBUG_NUM("n", f1(0));
	return 0;
}
