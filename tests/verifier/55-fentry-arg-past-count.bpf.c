// fentry on do_unlinkat(int dfd, struct filename *name): there is no third argument.
// fixture: vm only: the host kernel has no BPF trampolines, so fentry cannot load there
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("fentry/do_unlinkat")
int BPF_PROG(on_unlink, int dfd, struct filename *name, u64 extra)
{
	DEBUG_NUM("extra", extra);
	return 0;
}
