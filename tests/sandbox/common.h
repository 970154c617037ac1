/* common.h: shared by the sandbox test fixtures: "is the current task one of the run's?"
 * The host backend's agent names its UTS namespace "bpfdojo", so a fixture can ignore the
 * rest of the machine (tracepoints are global in host mode). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

char LICENSE[] SEC("license") = "GPL";

static __always_inline int in_run(void)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	char node[8];

	BPF_CORE_READ_STR_INTO(&node, t, nsproxy, uts_ns, name.nodename);
	return node[0] == 'b' && node[1] == 'p' && node[2] == 'f' && node[3] == 'd' &&
	       node[4] == 'o' && node[5] == 'j' && node[6] == 'o' && node[7] == 0;
}
