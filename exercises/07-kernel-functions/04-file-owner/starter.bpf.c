// "saver" syncs a file to disk with fsync(), which calls vfs_fsync_range().  Its first argument
// is a typed kernel pointer: follow it to the file's inode and submit the file's owner (uid).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("fentry/vfs_fsync_range")
int BPF_PROG(on_fsync, struct file *file, loff_t start, loff_t end, int datasync)
{
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	DEBUG_STR("comm", comm);
	DEBUG_NUM("end", end);

	// TODO: only saver's call: SUBMIT_NUM(the uid of the file's inode)
	return 0;
}
