// fentry on vfs_write(): reports the full path of every file the process named "logger"
// writes to, resolved with bpf_d_path(). Mistake: bpf_d_path() is only allowed in a short
// list of functions (security_file_open, vfs_truncate, filp_close, ...); vfs_write() is not one.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

// blind: vm only: fentry needs BPF trampolines, which this host cannot load

char LICENSE[] SEC("license") = "GPL";

SEC("fentry/vfs_write")
int BPF_PROG(on_write, struct file *file, const char *buf, size_t count, loff_t *pos)
{
	const char want[] = "logger";
	char comm[16], path[128];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	if (bpf_d_path(&file->f_path, path, sizeof(path)) < 0) // expect-line
		return 0;
	SUBMIT_STR(path);
	return 0;
}
