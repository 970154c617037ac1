// After libbpf-bootstrap's fentry.bpf.c (do_unlinkat): the BPF_PROG signature names one argument
// more than the kernel function has, and the program reads it.
// blind: vm only: the host kernel refuses every fentry program (EPERM, no log), whatever its mistake
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

SEC("fentry/do_unlinkat")
int BPF_PROG(unlink_enter, int dfd, struct filename *name, int flags) // expect-line
{
	pid_t pid = bpf_get_current_pid_tgid() >> 32;

	if (flags)
		bpf_printk("fentry: pid = %d, filename = %s\n", pid, name->name);
	return 0;
}
