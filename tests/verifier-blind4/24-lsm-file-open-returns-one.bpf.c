// After lsm file_open examples (selftests/bpf lsm, tracee-style policy): files under a
// protected inode are "allowed" with 1.
// blind: vm only: lsm programs need kernel BTF, which the host kernel does not expose
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

const volatile u64 protected_ino = 12345;

SEC("lsm/file_open")
int BPF_PROG(guard_open, struct file *file)
{
	if (file->f_inode->i_ino != protected_ino)
		return 1; // expect-line
	return -1;
}
