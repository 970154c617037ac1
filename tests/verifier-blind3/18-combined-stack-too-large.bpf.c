// After bcc's and libbpf-tools' path builders (copying dentry names into stack buffers): two
// helper functions, each with its own 320-byte buffer, one calling the other, so the stack of
// the call chain exceeds 512 bytes.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

static __noinline int name_len(struct dentry *d)
{
	char name[320];
	const unsigned char *p = BPF_CORE_READ(d, d_name.name);
	long n;

	n = bpf_probe_read_kernel_str(name, sizeof(name), p);
	return n < 0 ? 0 : n;
}

static __noinline int path_len(struct dentry *d)
{
	char parent_name[320];
	struct dentry *parent = BPF_CORE_READ(d, d_parent);
	long n;

	n = bpf_probe_read_kernel_str(parent_name, sizeof(parent_name),
				      BPF_CORE_READ(parent, d_name.name));
	if (n < 0)
		n = 0;
	return n + name_len(d); // expect-line
}

SEC("tp_btf/sched_process_exec")
int exec_path_len(u64 *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct dentry *d = BPF_CORE_READ(task, mm, exe_file, f_path.dentry);

	SUBMIT_NUM(path_len(d));
	return 0;
}
