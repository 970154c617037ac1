// A loop bounded by nothing the verifier knows: on the host it gives up (too-many-instructions); in the VM (TCG) it is still walking at loading's deadline (verifier-timeout).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	u32 n = bpf_get_prandom_u32();
	u64 sum = 0;

	for (u32 i = 0; i < n; i++)
		sum += i * bpf_get_prandom_u32();
	DEBUG_NUM("sum", sum);
	return 0;
}
