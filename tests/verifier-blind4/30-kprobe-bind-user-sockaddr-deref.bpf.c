// After bcc bindsnoop / tcpconnect kprobes: the sockaddr passed to the bind syscall is read
// straight through the user pointer in the kprobe arguments.
// blind: vm only: kprobes are not built into the host kernel
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
	__type(value, u16);
} bind_ports SEC(".maps");

SEC("kprobe/__sys_bind")
int BPF_KPROBE(kprobe_sys_bind, int fd, struct sockaddr *umyaddr, int addrlen)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)umyaddr;
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	u16 port;

	if (addrlen < (int)sizeof(*sin))
		return 0;
	port = bpf_ntohs(sin->sin_port); // expect-line
	bpf_map_update_elem(&bind_ports, &pid, &port, BPF_ANY);
	return 0;
}
