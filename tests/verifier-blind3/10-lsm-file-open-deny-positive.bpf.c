// After the kernel selftests' lsm test and the KRSI examples: a file_open hook that denies
// access by returning 1, where an LSM program must return 0 or a negative errno (-EPERM).
// blind: vm only: LSM programs do not load on the host kernel
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

const volatile u32 blocked_pid = 0;

SEC("lsm/file_open")
int BPF_PROG(deny_open, struct file *file)
{
	u32 pid = bpf_get_current_pid_tgid() >> 32;

	if (pid == blocked_pid)
		return 1; // expect-line
	return 0;
}
