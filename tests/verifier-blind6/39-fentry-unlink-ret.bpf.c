// Reports failed unlinks by their error code, adapted from libbpf-bootstrap's fentry.bpf.c /
// fexit pair: the program reads the return value `ret`, which only an fexit program has;
// attached with fentry, do_unlinkat() has no third argument to read.
// blind: vm only: fentry needs BTF trampolines
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("fentry/do_unlinkat") // expect-line
int BPF_PROG(unlink_done, int dfd, struct filename *name, long ret)
{
	if (ret == 0)
		return 0;
	DEBUG_NUM("unlink failed", ret);
	SUBMIT_NUM(-ret);
	return 0;
}
