// A signal_generate tracepoint program counting generated signals per signal number in an
// array map value. The signal number is a signed int and only its upper bound is checked, so a
// negative value could index before the start of the counters.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define NSIG 65

struct sig_counts {
	u64 n[NSIG];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct sig_counts);
} sigs SEC(".maps");

SEC("tracepoint/signal/signal_generate")
int tp_sig_count(struct trace_event_raw_signal_generate *ctx)
{
	struct sig_counts *c;
	u32 zero = 0;
	int sig = ctx->sig;

	if (sig >= NSIG)
		return 0;
	c = bpf_map_lookup_elem(&sigs, &zero);
	if (!c)
		return 0;
	__sync_fetch_and_add(&c->n[sig], 1); // expect-line
	return 0;
}
