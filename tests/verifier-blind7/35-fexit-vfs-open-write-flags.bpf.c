// An fexit program on vfs_open() meant to strip O_APPEND from files a sandboxed process opens,
// by someone who knows that fentry/fexit programs can read kernel structs directly. The
// mistake: typed kernel pointers in a tracing program are read-only; the verifier rejects
// the store to file->f_flags.
// blind: vm only: fexit programs need BTF trampolines, which the host kernel cannot load
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define O_APPEND 02000

const volatile __u32 sandbox_tgid = 0;

SEC("fexit/vfs_open")
int BPF_PROG(strip_append, const struct path *path, struct file *file, int ret)
{
	if (ret || (bpf_get_current_pid_tgid() >> 32) != sandbox_tgid)
		return 0;
	if (file->f_flags & O_APPEND)
		file->f_flags &= ~O_APPEND; // expect-line
	return 0;
}
