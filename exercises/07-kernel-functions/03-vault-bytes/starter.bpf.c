// "reader" reads three files, one of them named vault.  At vfs_read() entry you know the file;
// at its return, how many bytes were read.  Pair them through a map keyed by pid_tgid and
// submit the bytes reader got from vault.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

// TODO: a BPF_MAP_TYPE_HASH keyed by __u64 (bpf_get_current_pid_tgid())

SEC("kprobe/vfs_read")
int BPF_KPROBE(on_read, struct file *file, char *buf, size_t count)
{
	const char want[] = "reader";
	char comm[16], name[16];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	bpf_probe_read_kernel_str(name, sizeof(name), BPF_CORE_READ(file, f_path.dentry, d_name.name));
	DEBUG_STR("file", name);
	// TODO: when name is "vault", remember this thread in the map
	return 0;
}

SEC("kretprobe/vfs_read")
int BPF_KRETPROBE(on_read_ret, ssize_t ret)
{
	// TODO: only for a thread the entry remembered (then forget it): SUBMIT_NUM(ret)
	return 0;
}
