// After libbpf-tools CO-RE readers (runqslower, oomkill): the current task name read with
// bpf_core_read into a buffer half the size of task_struct::comm.
// blind: vm only: CO-RE relocations need kernel BTF, which the host kernel does not expose
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, u64);
} short_names SEC(".maps");

SEC("raw_tp/sched_process_exec")
int raw_exec(struct bpf_raw_tracepoint_args *ctx)
{
	struct task_struct *task = (void *)bpf_get_current_task();
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	char comm[8];
	u64 prefix;

	bpf_core_read(comm, sizeof(task->comm), &task->comm); // expect-line
	__builtin_memcpy(&prefix, comm, sizeof(prefix));
	bpf_map_update_elem(&short_names, &pid, &prefix, BPF_ANY);
	return 0;
}
