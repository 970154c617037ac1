// bpf_loop() is given a callback that is an ordinary (global) function, not a static one.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct sum_ctx {
	u64 sum;
};

int add_one(u32 i, struct sum_ctx *c)
{
	c->sum += i;
	return 0;
}

SEC("tp/sched/sched_process_exec")
int on_exec(void *ctx)
{
	struct sum_ctx c = {};

	bpf_loop(10, add_one, &c, 0);
	DEBUG_NUM("sum", c.sum);
	return 0;
}
