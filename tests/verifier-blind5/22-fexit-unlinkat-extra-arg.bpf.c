// fexit on do_unlinkat(): reports the paths whose unlink failed, with the error. Mistake: the
// BPF_PROG signature lists three arguments before ret, as unlinkat(2) has (dfd, path, flags);
// do_unlinkat() takes two (dfd, name), so "ret" is read as a fourth argument that the function
// does not have.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

// blind: vm only: fexit needs BPF trampolines, which this host cannot load

char LICENSE[] SEC("license") = "GPL";

SEC("fexit/do_unlinkat")
int BPF_PROG(unlink_exit, int dfd, struct filename *name, int flags, int ret) // expect-line
{
	char path[64];

	if (ret >= 0)
		return 0;
	bpf_probe_read_kernel_str(path, sizeof(path), name->name);
	DEBUG_NUM("errno", -ret);
	SUBMIT_STR(path);
	return 0;
}
