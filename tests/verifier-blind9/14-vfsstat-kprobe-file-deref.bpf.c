// A kprobe on vfs_read counting bytes read per inode. Mistake: the struct file pointer taken
// from the kprobe's registers is dereferenced directly; in a kprobe it is a plain number and
// kernel memory must be read with BPF_CORE_READ / bpf_probe_read_kernel.
// blind: vm only: the host kernel has no kprobes
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, u64);
	__type(value, u64);
} bytes SEC(".maps");

SEC("kprobe/vfs_read")
int BPF_KPROBE(vfs_read_entry, struct file *file, char *buf, size_t count)
{
	u64 ino, *val, c = count;

	ino = file->f_inode->i_ino; // expect-line
	val = bpf_map_lookup_elem(&bytes, &ino);
	if (val)
		__sync_fetch_and_add(val, c);
	else
		bpf_map_update_elem(&bytes, &ino, &c, BPF_NOEXIST);
	return 0;
}
