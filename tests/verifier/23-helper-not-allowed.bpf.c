// A socket-buffer helper called from a tracepoint program.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	char head[4];

	bpf_skb_load_bytes(ctx, 0, head, sizeof(head));
	DEBUG_STR("head", head);
	return 0;
}
