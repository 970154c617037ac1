// Reference solution: at the exit of do_unlinkat(), keep cleaner's failed calls and submit
// the path from the kernel's struct filename.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("fexit/do_unlinkat")
int BPF_PROG(on_unlink, int dfd, struct filename *name, int ret)
{
	const char want[] = "cleaner";
	char comm[16], path[32];

	if (ret >= 0)
		return 0;
	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	bpf_probe_read_kernel_str(path, sizeof(path), name->name);
	SUBMIT_STR(path);
	return 0;
}
