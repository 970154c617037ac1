// Stops every process that execs (SIGSTOP): the workload never finishes, the run must end
// with TIMEOUT and leave nothing behind.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	char comm[16];

	bpf_get_current_comm(&comm, sizeof(comm));
	/* only the dojo's own processes: a test must not stop the machine's */
	if (comm[0] == 's' && comm[1] == 'e' && comm[2] == 'c' && comm[3] == 'r')
		bpf_send_signal(19 /* SIGSTOP */);
	return 0;
}
