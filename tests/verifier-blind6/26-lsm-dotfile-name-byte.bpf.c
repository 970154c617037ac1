// An LSM program that counts opens of hidden files (names starting with '.'): it follows the
// typed pointers from the file to its dentry name, but d_name.name is a pointer to bytes, not
// to a struct, so the verifier gives it as a plain number and it cannot be dereferenced;
// the name must be copied with bpf_probe_read_kernel_str() first.
// blind: vm only: lsm needs BTF trampolines
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

u64 hidden_opens;

SEC("lsm/file_open")
int BPF_PROG(count_hidden, struct file *file, int ret)
{
	const unsigned char *name = file->f_path.dentry->d_name.name;

	if (ret)
		return ret;
	if (name[0] == '.') // expect-line
		__sync_fetch_and_add(&hidden_opens, 1);
	return 0;
}
