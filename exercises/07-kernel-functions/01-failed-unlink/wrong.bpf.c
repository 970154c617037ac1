// A plausible mistake: the success test the wrong way round, so the file that was deleted
// is the one submitted.
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

	if (ret != 0)
		return 0;
	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	bpf_probe_read_kernel_str(path, sizeof(path), name->name);
	SUBMIT_STR(path);
	return 0;
}
