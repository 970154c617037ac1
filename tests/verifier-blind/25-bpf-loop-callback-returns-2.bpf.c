// After the kernel selftests' bpf_loop programs: the callback returns a count, but a bpf_loop
// callback must return 0 (go on) or 1 (stop).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct loop_ctx {
	u64 sum;
};

static int add_one(u32 i, void *data)
{
	struct loop_ctx *lc = data;

	lc->sum += i;
	return 2; // expect-line
}

SEC("tp/sched/sched_process_exec")
int on_exec(void *ctx)
{
	struct loop_ctx lc = {};

	bpf_loop(16, add_one, &lc, 0);
	return lc.sum == 0;
}
