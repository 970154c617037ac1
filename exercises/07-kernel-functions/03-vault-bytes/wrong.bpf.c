// A plausible mistake: submitting at the entry what reader asked for (count), not at the return
// what it got: the size of the buffer, not of the file.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("kprobe/vfs_read")
int BPF_KPROBE(on_read, struct file *file, char *buf, size_t count)
{
	const char want_comm[] = "reader", want_name[] = "vault";
	char comm[16], name[16];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want_comm); i++)
		if (comm[i] != want_comm[i])
			return 0;
	bpf_probe_read_kernel_str(name, sizeof(name), BPF_CORE_READ(file, f_path.dentry, d_name.name));
	for (int i = 0; i < sizeof(want_name); i++)
		if (name[i] != want_name[i])
			return 0;
	SUBMIT_NUM(count);
	return 0;
}
