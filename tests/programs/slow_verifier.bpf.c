// A loop bounded only by a random number: the verifier walks it iteration by iteration, and
// in the micro-VM (TCG) it is still walking when loading's time runs out.  The learner must
// read that the verifier was slow (at the loop), not that the program hung.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	u32 n = bpf_get_prandom_u32();
	u64 sum = 0;

	for (u32 i = 0; i < n; i++)
		sum += i * bpf_get_prandom_u32();
	SUBMIT_NUM(sum);
	return 0;
}
