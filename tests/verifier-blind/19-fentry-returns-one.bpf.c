// After libbpf-bootstrap's fentry.bpf.c: the program was turned from a kprobe that returned 1,
// but an fentry program must return 0.
// blind: vm only: the host kernel refuses every fentry program (EPERM, no log), whatever its mistake
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

SEC("fentry/do_unlinkat")
int BPF_PROG(unlink_enter, int dfd, struct filename *name)
{
	pid_t pid = bpf_get_current_pid_tgid() >> 32;

	bpf_printk("fentry: pid = %d, filename = %s\n", pid, name->name);
	return 1; // expect-line
}
