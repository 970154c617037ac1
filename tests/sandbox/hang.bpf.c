// hang: stop (SIGSTOP) every program the run's workload execs, so the workload never ends.
#include "common.h"
#include "dojo.h"

SEC("tp/sched/sched_process_exec")
int stop_it(void *ctx)
{
	if (in_run())
		bpf_send_signal(19);
	return 0;
}
