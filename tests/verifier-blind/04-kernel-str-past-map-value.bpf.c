// After bcc's filelife/vfsstat style (per-pid state in a hash map): the name is read into the
// map value with a size larger than the value's field.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct start_t {
	u64 ts;
	char name[32];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, struct start_t);
} start SEC(".maps");

SEC("tp/sched/sched_process_exec")
int on_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	struct start_t zero = {}, *s;
	unsigned off = ctx->__data_loc_filename & 0xFFFF;

	bpf_map_update_elem(&start, &pid, &zero, BPF_NOEXIST);
	s = bpf_map_lookup_elem(&start, &pid);
	if (!s)
		return 0;
	s->ts = bpf_ktime_get_ns();
	bpf_probe_read_kernel_str(s->name, 64, (void *)ctx + off); // expect-line
	return 0;
}
