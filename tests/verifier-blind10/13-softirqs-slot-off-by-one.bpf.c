// After bcc libbpf-tools' softirqs.bpf.c (per-vector softirq latency histograms): the slot
// is clamped with "> MAX_SLOTS" and set to MAX_SLOTS, one past the last entry.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";
#define MAX_SLOTS 20
#define NR_SOFTIRQS 10

struct hist {
	u32 slots[MAX_SLOTS];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, u64);
} start SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, NR_SOFTIRQS);
	__type(key, u32);
	__type(value, struct hist);
} hists SEC(".maps");

SEC("tp/irq/softirq_entry")
int softirq_entry(struct trace_event_raw_softirq *ctx)
{
	u64 ts = bpf_ktime_get_ns();
	u32 key = 0;

	bpf_map_update_elem(&start, &key, &ts, BPF_ANY);
	return 0;
}

SEC("tp/irq/softirq_exit")
int softirq_exit(struct trace_event_raw_softirq *ctx)
{
	u32 key = 0, vec = ctx->vec;
	struct hist *h;
	u64 *tsp, delta;
	u32 slot = 0;

	tsp = bpf_map_lookup_elem(&start, &key);
	if (!tsp || !*tsp)
		return 0;
	delta = (bpf_ktime_get_ns() - *tsp) / 1000;
	h = bpf_map_lookup_elem(&hists, &vec);
	if (!h)
		return 0;
	while (delta > 1 && slot < 64) {
		delta >>= 1;
		slot++;
	}
	if (slot > MAX_SLOTS)
		slot = MAX_SLOTS;
	__sync_fetch_and_add(&h->slots[slot], 1); // expect-line
	return 0;
}
