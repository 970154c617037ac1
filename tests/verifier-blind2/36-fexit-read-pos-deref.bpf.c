// After fexit tracers of vfs_read (libbpf-bootstrap's fentry example, bcc's fsslower): the file
// position is read through the loff_t pointer argument directly, a pointer BTF does not describe.
// blind: vm only: the host kernel refuses every fentry/fexit program (EPERM, no log), whatever its mistake
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, u32);
	__type(value, s64);
} last_pos SEC(".maps");

SEC("fexit/vfs_read")
int BPF_PROG(vfs_read_exit, struct file *file, char *buf, size_t count, loff_t *pos, ssize_t ret)
{
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	s64 at;

	if (ret <= 0)
		return 0;
	at = *pos; // expect-line
	bpf_map_update_elem(&last_pos, &pid, &at, BPF_ANY);
	return 0;
}
