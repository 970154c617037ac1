// flood: a DEBUG on every system call in the machine: far more records than a run forwards.
#include "common.h"
#include "dojo.h"

SEC("tp/raw_syscalls/sys_enter")
int on_syscall(struct trace_event_raw_sys_enter *ctx)
{
	long id = ctx->id;

	DEBUG_NUM("syscall", id);
	return 0;
}
