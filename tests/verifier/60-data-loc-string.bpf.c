// __data_loc_filename is not the file name, nor a pointer to it: it holds where the string is
// in the record (offset in the low 16 bits, length in the high 16).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int handle_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	char *name = (char *)(long)ctx->__data_loc_filename;
	char first = name[0];

	DEBUG_NUM("first", first);
	return 0;
}
