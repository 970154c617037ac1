// After libbpf-bootstrap's fexit example (fexit on do_unlinkat): the program returns 1 to mean
// "handled", but an fexit program's return value must be 0.
// blind: vm only: fexit programs do not load on the host kernel
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("fexit/do_unlinkat")
int BPF_PROG(unlink_exit, int dfd, struct filename *name, long ret)
{
	if (ret != 0)
		return 0;
	SUBMIT_NUM(ret);
	return 1; // expect-line
}
