// Reports the path of every file a process unlinks, with bpf_d_path() from an fentry program on
// vfs_unlink(); bpf_d_path() may only be called from a short list of kernel functions.
// fixture: vm only: the host kernel has no BPF trampolines, so fentry cannot load there
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("fentry/vfs_unlink")
int BPF_PROG(on_unlink, struct mnt_idmap *idmap, struct inode *dir, struct dentry *dentry)
{
	struct path p = { .dentry = dentry };
	char name[256];

	if (bpf_d_path(&p, name, sizeof(name)) > 0)
		SUBMIT_STR(name);
	return 0;
}
