// No #include "dojo.h": the program is loaded and verified all the same, then the learner is
// told that nothing could be submitted, and why.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	bpf_printk("exec");
	return 0;
}
