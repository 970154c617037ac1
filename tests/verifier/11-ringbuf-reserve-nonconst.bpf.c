// bpf_ringbuf_reserve() with a size that is not a compile-time constant.
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
	u32 len = (bpf_get_prandom_u32() & 63) + 1;
	char *rec = bpf_ringbuf_reserve(&events, len, 0);

	if (!rec)
		return 0;
	rec[0] = 1;
	bpf_ringbuf_submit(rec, 0);
	return 0;
}
