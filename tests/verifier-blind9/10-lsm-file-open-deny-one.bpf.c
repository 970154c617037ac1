// An LSM policy that forbids one process name from opening files under a given inode
// number's file system. Mistake: it denies by returning 1; an LSM program must return 0 or
// a negative errno such as -EPERM.
// blind: vm only: the host kernel has no BPF trampolines, so LSM programs cannot load there
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

const volatile char denied_comm[16] = "badtool";

SEC("lsm/file_open")
int BPF_PROG(restrict_open, struct file *file)
{
	char comm[16];
	int i;

	bpf_get_current_comm(comm, sizeof(comm));
	for (i = 0; i < 16; i++) {
		if (comm[i] != denied_comm[i])
			return 0;
		if (!comm[i])
			break;
	}
	return 1; // expect-line
}
