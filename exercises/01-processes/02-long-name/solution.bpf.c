// Reference solution: filter on the truncated comm, read the whole path from the record's
// __data_loc field, and submit what follows its last '/'.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int on_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	const char want[] = "nightly-report-";
	char comm[16], path[64], name[32] = {};
	unsigned off = ctx->__data_loc_filename & 0xFFFF;
	int start = 0;

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;

	if (bpf_probe_read_kernel_str(path, sizeof(path), (void *)ctx + off) < 0)
		return 0;
	for (int i = 0; i < sizeof(path) && path[i]; i++)
		if (path[i] == '/')
			start = i + 1;
	for (int i = 0; i < sizeof(name) - 1; i++) {
		int j = start + i;

		if (j >= sizeof(path) || !path[j])
			break;
		name[i] = path[j];
	}
	SUBMIT_STR(name);
	return 0;
}
