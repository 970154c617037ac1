// After libbpf-bootstrap's fentry example (fentry on do_unlinkat): the program tries to change
// the filename the kernel is about to unlink; BTF pointers in tracing programs are read-only.
// blind: vm only: fentry programs do not load on the host kernel
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("fentry/do_unlinkat")
int BPF_PROG(unlink_guard, int dfd, struct filename *name)
{
	pid_t pid = bpf_get_current_pid_tgid() >> 32;

	DEBUG_NUM("pid", pid);
	name->name = "/tmp/unlink-guard"; // expect-line
	return 0;
}
