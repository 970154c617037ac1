// bpf_dynptr_read() from a dynptr nothing initialised.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	struct bpf_dynptr ptr;
	u32 v = 0;

	bpf_dynptr_read(&v, sizeof(v), &ptr, 0, 0);
	DEBUG_NUM("v", v);
	return 0;
}
