// After bcc libbpf-tools runqslower/offcputime (sched_switch handlers): a plain raw_tp gets its
// arguments as u64 values, and the prev task is dereferenced as if it were a BTF pointer (which
// only tp_btf gives).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, u32);
	__type(value, u64);
} start SEC(".maps");

SEC("raw_tp/sched_switch")
int on_switch(struct bpf_raw_tracepoint_args *ctx)
{
	struct task_struct *prev = (struct task_struct *)ctx->args[1];
	u64 ts = bpf_ktime_get_ns();
	u32 pid;

	pid = prev->pid; // expect-line
	bpf_map_update_elem(&start, &pid, &ts, BPF_ANY);
	return 0;
}
