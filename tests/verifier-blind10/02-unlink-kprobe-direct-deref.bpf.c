// After libbpf-bootstrap's kprobe.bpf.c (logs every unlink with its file name): the struct
// filename pointer taken from the kprobe's registers is dereferenced directly instead of through
// BPF_CORE_READ().
// blind: vm only: kprobe programs (the host has no kprobes)
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";
SEC("kprobe/do_unlinkat")
int BPF_KPROBE(do_unlinkat, int dfd, struct filename *name)
{
	pid_t pid = bpf_get_current_pid_tgid() >> 32;
	const char *filename;

	filename = name->name; // expect-line
	bpf_printk("KPROBE ENTRY pid = %d, filename = %s\n", pid, filename);
	return 0;
}
