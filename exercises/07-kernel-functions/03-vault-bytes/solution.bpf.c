// Reference solution: at vfs_read() entry, remember reader's reads of the file named vault by
// thread (pid_tgid); at its return, look the thread up and submit the bytes read.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64);
	__type(key, __u64);   /* pid_tgid: one thread is in at most one vfs_read() at a time */
	__type(value, __u8);  /* unused: being in the map is what counts */
} reading SEC(".maps");

SEC("kprobe/vfs_read")
int BPF_KPROBE(on_read, struct file *file, char *buf, size_t count)
{
	const char want_comm[] = "reader", want_name[] = "vault";
	char comm[16], name[16];
	__u64 id = bpf_get_current_pid_tgid();
	__u8 one = 1;

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want_comm); i++)
		if (comm[i] != want_comm[i])
			return 0;
	bpf_probe_read_kernel_str(name, sizeof(name), BPF_CORE_READ(file, f_path.dentry, d_name.name));
	for (int i = 0; i < sizeof(want_name); i++)
		if (name[i] != want_name[i])
			return 0;
	bpf_map_update_elem(&reading, &id, &one, BPF_ANY);
	return 0;
}

SEC("kretprobe/vfs_read")
int BPF_KRETPROBE(on_read_ret, ssize_t ret)
{
	__u64 id = bpf_get_current_pid_tgid();

	if (!bpf_map_lookup_elem(&reading, &id))
		return 0;
	bpf_map_delete_elem(&reading, &id);
	SUBMIT_NUM(ret);
	return 0;
}
