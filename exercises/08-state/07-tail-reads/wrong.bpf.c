// A plausible mistake: the handlers at each other's numbers (read is 0 on x86-64, write 1),
// so on_read counts the writes.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

__u64 reads, writes;

int on_read(struct trace_event_raw_sys_enter *ctx);
int on_write(struct trace_event_raw_sys_enter *ctx);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__array(values, int (void *));
} handlers SEC(".maps") = {
	.values = { [1] = (void *)&on_read, [0] = (void *)&on_write },
};

static __always_inline int is_syscaller(void)
{
	const char want[] = "syscaller";
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	return 1;
}

/* the dispatcher: to the handler of this system call, when the table has one */
SEC("tp/raw_syscalls/sys_enter")
int dispatch(struct trace_event_raw_sys_enter *ctx)
{
	if (!is_syscaller() || ctx->id < 0 || ctx->id >= 8)
		return 0;
	bpf_tail_call(ctx, &handlers, (__u32)ctx->id);
	return 0;   /* no handler for this one */
}

SEC("tp/raw_syscalls/sys_enter")
int on_read(struct trace_event_raw_sys_enter *ctx)
{
	__sync_fetch_and_add(&reads, 1);
	return 0;
}

SEC("tp/raw_syscalls/sys_enter")
int on_write(struct trace_event_raw_sys_enter *ctx)
{
	__sync_fetch_and_add(&writes, 1);
	return 0;
}

SEC("tp/sched/sched_process_exit")
int on_exit(void *ctx)
{
	if (is_syscaller())
		SUBMIT_NUM(reads);
	return 0;
}
