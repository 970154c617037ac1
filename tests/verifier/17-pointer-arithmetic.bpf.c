// Aligning a pointer with a bitwise and: the verifier allows only + and - on pointers.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} events SEC(".maps");

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	char *rec = bpf_ringbuf_reserve(&events, 64, 0);
	u64 *slot;

	if (!rec)
		return 0;
	slot = (u64 *)((unsigned long)(rec + 7) & ~7UL);
	*slot = 1;
	bpf_ringbuf_submit(rec, 0);
	return 0;
}
