// Submits the name of the file the process "reader" opens, reading the path with
// bpf_probe_read_user_str(). The mistake: the program declares an "MIT" license, and the
// probe-read helpers are GPL-only; the license must be GPL-compatible (e.g. "Dual MIT/GPL").
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "MIT"; // expect-line

SEC("tracepoint/syscalls/sys_enter_openat")
int on_openat(struct trace_event_raw_sys_enter *ctx)
{
	const char want[] = "reader";
	char comm[16], path[64];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	bpf_probe_read_user_str(path, sizeof(path), (const char *)ctx->args[1]);
	SUBMIT_STR(path);
	return 0;
}
