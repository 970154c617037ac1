// An LSM file_open program that denies opening files whose name starts with '.secret'. It reads
// the name by dereferencing file->f_path.dentry->d_name.name directly; that pointer is to a
// plain char array, which the verifier treats as an unknown scalar, so it must be copied with
// bpf_probe_read_kernel_str() first.
// blind: vm only: BPF LSM programs need a trampoline, which the host kernel lacks
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define EPERM 1

SEC("lsm/file_open")
int BPF_PROG(deny_secret, struct file *file)
{
	const unsigned char *name = file->f_path.dentry->d_name.name;

	if (name[0] == '.' && name[1] == 's') // expect-line
		return -EPERM;
	return 0;
}
