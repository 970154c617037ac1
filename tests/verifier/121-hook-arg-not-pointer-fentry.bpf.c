// Counts unlinks, but declares do_unlinkat(int dfd, struct filename *name) as taking
// (name) alone, so `name` is really dfd, a number.
// fixture: vm only: the host kernel has no BPF trampolines, so fentry cannot load there
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("fentry/do_unlinkat")
int BPF_PROG(on_unlink, struct filename *name)
{
	const char *path = name->name;

	DEBUG_NUM("path", (u64)path);
	return 0;
}
