// Samples the length of this CPU's run queue on every wakeup.  runqueues is a per-CPU kernel
// variable: reading its field directly is refused, it is read through bpf_this_cpu_ptr().
// fixture: vm only: the host hides the kernel's per-CPU symbols (libbpf finds no address for runqueues)
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

extern const struct rq runqueues __ksym;

SEC("tp_btf/sched_wakeup")
int BPF_PROG(on_wakeup, struct task_struct *p)
{
	unsigned int queued = runqueues.nr_running;

	if (queued > 4)
		DEBUG_NUM("queued", queued);
	return 0;
}
