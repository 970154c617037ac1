// A kretprobe on filp_open() that wants the flags of the file the kernel opened, written the
// way one would in kernel code. The mistake: in a kprobe/kretprobe the return value is a
// plain number to the verifier, so file->f_flags cannot be read directly; use
// BPF_CORE_READ(file, f_flags) (bpf_probe_read_kernel).
// blind: vm only: kretprobe programs need kprobes, which the host kernel lacks
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define O_WRONLY 01

__u64 write_opens;

SEC("kretprobe/filp_open")
int BPF_KRETPROBE(filp_open_ret, struct file *file)
{
	unsigned int flags;

	if ((long)file < 0 && (long)file > -4096)
		return 0;
	flags = file->f_flags; // expect-line
	if (flags & O_WRONLY)
		__sync_fetch_and_add(&write_opens, 1);
	return 0;
}
