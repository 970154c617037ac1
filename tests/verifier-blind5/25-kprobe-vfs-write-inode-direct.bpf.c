// kprobe on vfs_write(): submits the inode number of the file the process named "scribe"
// writes to. Mistake: in a kprobe the arguments are plain numbers (pt_regs values), not BTF
// pointers, so file->f_inode cannot be dereferenced directly; it needs BPF_CORE_READ() or
// bpf_probe_read_kernel().
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

// blind: vm only: kprobes are not available on this host

char LICENSE[] SEC("license") = "GPL";

SEC("kprobe/vfs_write")
int BPF_KPROBE(on_write, struct file *file, const char *buf, size_t count)
{
	const char want[] = "scribe";
	char comm[16];
	struct inode *inode;
	__u64 ino;

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	inode = file->f_inode; // expect-line
	ino = BPF_CORE_READ(inode, i_ino);
	SUBMIT_NUM(ino);
	return 0;
}
