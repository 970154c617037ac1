// Captures the first bytes each read() of the process named "reader" returned: the buffer
// address is saved at sys_enter_read, and at sys_exit_read as many bytes as were read (at
// most 64) are copied and shown. Mistake: read() returns a signed count, negative on error;
// clamping it from above only leaves it possibly negative, and bpf_probe_read_user() needs a
// size that cannot be (check n > 0, or use an unsigned type).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define MAX_DATA 64

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, __u64);
	__type(value, __u64);
} read_bufs SEC(".maps");

static __always_inline int is_reader(void)
{
	const char want[] = "reader";
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	return 1;
}

SEC("tp/syscalls/sys_enter_read")
int read_enter(struct trace_event_raw_sys_enter *ctx)
{
	__u64 id = bpf_get_current_pid_tgid(), buf = ctx->args[1];

	if (is_reader())
		bpf_map_update_elem(&read_bufs, &id, &buf, BPF_ANY);
	return 0;
}

SEC("tp/syscalls/sys_exit_read")
int read_exit(struct trace_event_raw_sys_exit *ctx)
{
	__u64 id = bpf_get_current_pid_tgid(), *buf;
	char data[MAX_DATA] = {};
	int n = ctx->ret;

	buf = bpf_map_lookup_elem(&read_bufs, &id);
	if (!buf)
		return 0;
	if (n > MAX_DATA)
		n = MAX_DATA;
	bpf_probe_read_user(data, n, (const void *)*buf); // expect-line
	bpf_map_delete_elem(&read_bufs, &id);
	DEBUG_STR("read", data);
	return 0;
}
