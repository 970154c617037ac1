// A plausible mistake: file->f_cred is the credentials of whoever opened the file (root here),
// not the owner of the file.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("fentry/vfs_fsync_range")
int BPF_PROG(on_fsync, struct file *file, loff_t start, loff_t end, int datasync)
{
	const char want[] = "saver";
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	SUBMIT_NUM(file->f_cred->uid.val);
	return 0;
}
