// Builds "parent -> child" lines at exec time, with a helper function that formats the
// parent part in its own buffer. Each function is under the 512-byte stack limit, but the
// caller's path buffer plus the callee's buffer exceed it together, and a call chain shares
// one 512-byte stack.
// blind: vm only: the host kernel (6.18) gives tracing programs private stacks and accepts it
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

static __noinline int parent_name_len(void)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	char line[300]; // expect-line
	struct task_struct *parent;
	long n;

	bpf_probe_read_kernel(&parent, sizeof(parent), &task->real_parent);
	n = bpf_probe_read_kernel_str(line, sizeof(line), &parent->comm);
	if (n < 0)
		return 0;
	return n;
}

SEC("tracepoint/syscalls/sys_enter_execve")
int on_execve(struct trace_event_raw_sys_enter *ctx)
{
	char path[256];
	long n;

	n = bpf_probe_read_user_str(path, sizeof(path), (void *)ctx->args[0]);
	if (n <= 0)
		return 0;
	if (parent_name_len() > 1)
		DEBUG_STR("exec", path);
	return 0;
}
