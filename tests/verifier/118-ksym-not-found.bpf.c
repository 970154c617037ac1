// Reads this CPU's run-queue length through the per-CPU kernel symbol runqueues, the right way
// (bpf_this_cpu_ptr); the host kernel does not list per-CPU symbols' addresses, so it refuses.
// fixture: host only: the guest kernel lists runqueues' address and loads this program
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

extern const struct rq runqueues __ksym;

SEC("tp_btf/sched_switch")
int runq_len(u64 *ctx)
{
	struct rq *rq = bpf_this_cpu_ptr(&runqueues);

	DEBUG_NUM("nr_running", rq->nr_running);
	return 0;
}
