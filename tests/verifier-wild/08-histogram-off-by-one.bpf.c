// After bcc's libbpf-tools (runqlat-style log2 histogram): the slot is clamped with '>' where
// it needed '>=', one past the end of the array in the map value.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
char LICENSE[] SEC("license") = "GPL";

#define MAX_SLOTS 26

struct hist {
	u32 slots[MAX_SLOTS];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, struct hist);
} hists SEC(".maps");

static __always_inline u64 log2l(u64 v)
{
	u64 r = 0;

	while (v > 1 && r < 63) {
		v >>= 1;
		r++;
	}
	return r;
}

static struct hist initial_hist;

SEC("tp/sched/sched_switch")
int handle_switch(void *ctx)
{
	u32 key = 0;
	struct hist *h;
	u64 slot;

	h = bpf_map_lookup_elem(&hists, &key);
	if (!h) {
		bpf_map_update_elem(&hists, &key, &initial_hist, BPF_NOEXIST);
		h = bpf_map_lookup_elem(&hists, &key);
		if (!h)
			return 0;
	}
	slot = log2l(bpf_ktime_get_ns());
	if (slot > MAX_SLOTS)
		slot = MAX_SLOTS;
	__sync_fetch_and_add(&h->slots[slot], 1);
	return 0;
}
