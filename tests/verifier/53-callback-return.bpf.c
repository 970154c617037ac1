// A bpf_loop() callback returns 0 (go on) or 1 (stop): 2 is neither.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

static int step(u32 i, void *data)
{
	u64 *sum = data;

	*sum += i;
	return 2;
}

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	u64 sum = 0;

	bpf_loop(16, step, &sum, 0);
	DEBUG_NUM("sum", sum);
	return 0;
}
