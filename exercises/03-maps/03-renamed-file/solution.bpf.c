// Reference solution: at mover's rename(), send the new name as one sample on a perf event
// array of the program's own; bpfdojo reads the array and takes the sample as the answer.
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
	const char want[] = "mover";
	char comm[16], name[32];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	bpf_probe_read_user_str(name, sizeof(name), (const char *)ctx->args[1]);
	bpf_perf_event_output(ctx, &names, BPF_F_CURRENT_CPU, name, sizeof(name));
	return 0;
}
