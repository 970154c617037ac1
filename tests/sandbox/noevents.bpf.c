// noevents: a program without dojo.h (so without the dojo_events ring buffer).
#include "common.h"

SEC("tp/sched/sched_process_exec")
int on_exec(void *ctx)
{
	return 0;
}
