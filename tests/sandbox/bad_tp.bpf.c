// bad_tp: a tracepoint that does not exist (a typo); loads, cannot attach.
#include "common.h"
#include "dojo.h"

SEC("tp/sched/sched_process_exek")
int on_exec(void *ctx)
{
	SUBMIT_NUM(1);
	return 0;
}
