// "tidy" and then "mover" each rename a file.  Send the new name mover gives its file to user
// space as one sample on the perf event array below: bpfdojo takes that sample as your answer.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));    /* a CPU number */
	__uint(value_size, sizeof(__u32));  /* the fd of that CPU's perf event (user space sets it) */
} names SEC(".maps");

SEC("tp/syscalls/sys_enter_rename")
int on_rename(struct trace_event_raw_sys_enter *ctx)
{
	char comm[16], from[32], to[32];

	bpf_get_current_comm(comm, sizeof(comm));
	bpf_probe_read_user_str(from, sizeof(from), (const char *)ctx->args[0]);
	bpf_probe_read_user_str(to, sizeof(to), (const char *)ctx->args[1]);
	DEBUG_STR("comm", comm);
	DEBUG_STR("from", from);
	DEBUG_STR("to", to);

	// TODO: only mover's rename: bpf_perf_event_output(ctx, &names, BPF_F_CURRENT_CPU, ...)
	return 0;
}
