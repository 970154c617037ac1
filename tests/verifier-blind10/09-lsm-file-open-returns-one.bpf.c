// An LSM program on file_open that denies opening inodes listed in a map: it returns 1 to
// deny, where an LSM hook must return 0 or a negative errno (-EPERM).
// blind: vm only: needs BPF LSM (trampolines)
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, u64);
	__type(value, u8);
} denied_inodes SEC(".maps");

SEC("lsm/file_open")
int BPF_PROG(restrict_open, struct file *file)
{
	u64 ino = file->f_inode->i_ino;

	if (bpf_map_lookup_elem(&denied_inodes, &ino))
		return 1; // expect-line
	return 0;
}
