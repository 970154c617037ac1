// biglog: a valid program whose verifier log (level 1, the path through 4000 iterations)
// outgrows the agent's 1 MiB log buffer: it must load all the same.
#include "common.h"
#include "dojo.h"

SEC("tp/sched/sched_process_exec")
int on_exec_biglog(void *ctx)
{
	__u64 sum = 0;

	for (int i = 0; i < 4000; i++)
		sum += i ^ (sum >> 3);
	return sum == 1;
}
