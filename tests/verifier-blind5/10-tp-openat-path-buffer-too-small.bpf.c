// Reports every path opened with openat() by the process named "opener". Mistake: the path
// buffer was shrunk to 128 bytes, but bpf_probe_read_user_str() is still told it may write 256.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define PATH_MAX_READ 256

SEC("tp/syscalls/sys_enter_openat")
int on_openat(struct trace_event_raw_sys_enter *ctx)
{
	const char want[] = "opener";
	char comm[16];
	char path[128];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	bpf_probe_read_user_str(path, PATH_MAX_READ, (const char *)ctx->args[1]); // expect-line
	SUBMIT_STR(path);
	return 0;
}
