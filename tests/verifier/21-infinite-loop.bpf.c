// A loop that can come back to the same state: the verifier calls it infinite.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	u32 tries = 0;

	while (1) {
		if (bpf_get_prandom_u32() == 7)
			break;
		asm volatile("" : "+r"(tries));
	}
	DEBUG_NUM("tries", tries);
	return 0;
}
