// A biosnoop-style tracer: each completed block request is sent to user space, optionally
// only for one device. Mistake: when the device filter drops a request, the record already
// reserved in the ring buffer is neither submitted nor discarded.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

u32 filter_dev; /* set from user space, 0 for all devices */

struct event {
	u32 dev;
	u32 nr_sector;
	u64 sector;
	u64 ts;
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

SEC("tp/block/block_rq_complete")
int block_rq_complete(struct trace_event_raw_block_rq_completion *ctx)
{
	struct event *e;

	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	e->dev = ctx->dev;
	if (filter_dev && e->dev != filter_dev)
		return 0; // expect-line
	e->sector = ctx->sector;
	e->nr_sector = ctx->nr_sector;
	e->ts = bpf_ktime_get_ns();
	bpf_ringbuf_submit(e, 0);
	return 0;
}
