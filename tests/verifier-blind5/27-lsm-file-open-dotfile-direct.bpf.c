// LSM file_open: counts the opens of hidden files (names starting with '.') by the process
// named "scanner", and submits the count at its exit. Mistake: d_name.name is a pointer to
// bytes, which the BTF walk gives as a plain number; name[0] is read directly instead of with
// bpf_probe_read_kernel_str() into a buffer.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

// blind: vm only: LSM programs need BPF trampolines, which this host cannot load

char LICENSE[] SEC("license") = "GPL";

__u64 hidden;

static __always_inline int is_scanner(void)
{
	const char want[] = "scanner";
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	return 1;
}

SEC("lsm/file_open")
int BPF_PROG(on_open, struct file *file, int ret)
{
	const unsigned char *name;

	if (ret != 0 || !is_scanner())
		return ret;
	name = file->f_path.dentry->d_name.name;
	if (name[0] == '.') // expect-line
		hidden++;
	return 0;
}

SEC("tp/sched/sched_process_exit")
int on_exit(void *ctx)
{
	if (is_scanner())
		SUBMIT_NUM(hidden);
	return 0;
}
