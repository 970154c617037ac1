// The file name of each exec kept in a map value next to a timestamp: the copy is sized for the
// whole value, not for the member that receives it, so it would run past the value's end.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct exec_info {
	u64 started;
	char file[48];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct exec_info);
} last_exec SEC(".maps");

SEC("tp/sched/sched_process_exec")
int remember_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	unsigned int off = ctx->__data_loc_filename & 0xFFFF;
	u32 zero = 0;
	struct exec_info *info = bpf_map_lookup_elem(&last_exec, &zero);

	if (!info)
		return 0;
	info->started = bpf_ktime_get_ns();
	bpf_probe_read_kernel_str(info->file, sizeof(*info), (void *)ctx + off);
	return 0;
}
