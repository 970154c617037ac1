// After bcc libbpf-tools execsnoop/exitsnoop (a task's comm copied into a map value): the copy
// asks for TASK_COMM_LEN bytes into a field that was shortened to 8, at the end of the value.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

#define TASK_COMM_LEN 16

struct child_info {
	u64 forked_at;
	char comm[8];
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 8192);
	__type(key, u32);
	__type(value, struct child_info);
} children SEC(".maps");

SEC("tp_btf/sched_process_fork")
int BPF_PROG(on_fork, struct task_struct *parent, struct task_struct *child)
{
	struct child_info init = {}, *info;
	u32 pid = child->pid;

	init.forked_at = bpf_ktime_get_ns();
	bpf_map_update_elem(&children, &pid, &init, BPF_ANY);
	info = bpf_map_lookup_elem(&children, &pid);
	if (!info)
		return 0;
	bpf_probe_read_kernel_str(info->comm, TASK_COMM_LEN, child->comm); // expect-line
	return 0;
}
