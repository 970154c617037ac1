// "cleaner" deletes two files; one deletion fails.  At the exit of do_unlinkat(), with its
// arguments and its return value, submit the name of the file that could not be deleted.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("fexit/do_unlinkat")
int BPF_PROG(on_unlink, int dfd, struct filename *name, int ret)
{
	char path[32];

	bpf_probe_read_kernel_str(path, sizeof(path), name->name);
	DEBUG_STR("unlink", path);

	// TODO: only cleaner's calls, only those that failed (ret < 0): SUBMIT_STR(path).
	return 0;
}
