// After a syscall-argument tracer on raw_tp/sys_enter: the first raw argument is the
// struct pt_regs pointer, and the program reads regs->di straight through it instead of with
// BPF_CORE_READ() or bpf_probe_read_kernel().
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, u64);
} first_arg SEC(".maps");

SEC("raw_tp/sys_enter")
int BPF_PROG(sys_enter, struct pt_regs *regs, long id)
{
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	u64 arg0;

	if (id != 257) /* openat */
		return 0;
	arg0 = regs->di; // expect-line
	bpf_map_update_elem(&first_arg, &pid, &arg0, BPF_ANY);
	return 0;
}
