// Reads the exec'd file name of the sched_process_exec tracepoint through its __data_loc
// field: it adds the offset to ctx and dereferences the result, a variable-offset ctx access
// (the string must be copied with bpf_probe_read_kernel_str()).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, u32);
	__type(value, u64);
} rel_abs SEC(".maps");

SEC("tp/sched/sched_process_exec")
int handle_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	unsigned short off = ctx->__data_loc_filename & 0xFFFF;
	char *fname = (char *)ctx + off;
	u32 key;
	u64 *cnt;

	key = fname[0] == '/'; // expect-line
	cnt = bpf_map_lookup_elem(&rel_abs, &key);
	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	return 0;
}
