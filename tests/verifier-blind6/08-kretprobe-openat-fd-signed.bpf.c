// Marks which fds a process has open, from the return value of do_sys_openat2(): the fd is
// an int checked against the table size from above only; a failed open returns a negative
// errno, and that index would write before the start of the map value.
// blind: vm only: kretprobe needs kprobes
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define MAX_FDS 128

struct fd_table {
	u8 open[MAX_FDS];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, struct fd_table);
} fds SEC(".maps");

SEC("kretprobe/do_sys_openat2")
int BPF_KRETPROBE(openat_ret, long ret)
{
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	struct fd_table *t;
	int fd = ret;

	if (fd >= MAX_FDS) // expect-line
		return 0;
	t = bpf_map_lookup_elem(&fds, &pid);
	if (!t)
		return 0;
	t->open[fd] = 1;
	DEBUG_NUM("opened fd", fd);
	return 0;
}
