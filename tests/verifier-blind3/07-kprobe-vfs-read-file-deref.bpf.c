// After bcc libbpf-tools filetop/vfsstat (kprobes on vfs_read): the struct file argument is
// followed straight to its inode; a kprobe sees it as a plain number and needs
// BPF_CORE_READ()/bpf_probe_read_kernel().
// blind: vm only: kprobes cannot load on the host kernel (it has none)
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, u64);
	__type(value, u64);
} reads_by_inode SEC(".maps");

SEC("kprobe/vfs_read")
int BPF_KPROBE(trace_vfs_read, struct file *file, char *buf, size_t count)
{
	u64 ino, zero = 0, *total;

	ino = file->f_inode->i_ino; // expect-line
	total = bpf_map_lookup_elem(&reads_by_inode, &ino);
	if (!total) {
		bpf_map_update_elem(&reads_by_inode, &ino, &zero, BPF_NOEXIST);
		total = bpf_map_lookup_elem(&reads_by_inode, &ino);
		if (!total)
			return 0;
	}
	__sync_fetch_and_add(total, count);
	return 0;
}
