// Writes a record by hand that no dojo.h macro would write (an unknown kind): the host must
// refuse it, not show it: verdict RUN_ERROR naming the record and the macros to use.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	struct dojo_rec *r = bpf_ringbuf_reserve(&dojo_events, sizeof(*r), 0);

	if (!r)
		return 0;
	__builtin_memset(r, 0, sizeof(*r));
	r->hdr.kind = 9;
	r->hdr.vkind = DOJO_VAL_NUM;
	r->hdr.value_len = 4;
	bpf_ringbuf_submit(r, 0);
	return 0;
}
