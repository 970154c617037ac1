// XDP: counts packets into a per-second window; a bpf_timer fires every second, reports the
// window's count and re-arms itself. Mistake: the timer callback returns what
// bpf_timer_start() returned; a timer callback must return 0.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define CLOCK_MONOTONIC 1
#define NSEC_PER_S      1000000000ull

struct window {
	struct bpf_timer timer;
	__u64 packets;
	__u32 armed;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct window);
} windows SEC(".maps");

static int on_tick(void *map, __u32 *key, struct window *w)
{
	DEBUG_NUM("packets/s", w->packets);
	w->packets = 0;
	return bpf_timer_start(&w->timer, NSEC_PER_S, 0); // expect-line
}

SEC("xdp")
int pps(struct xdp_md *ctx)
{
	__u32 key = 0;
	struct window *w = bpf_map_lookup_elem(&windows, &key);

	if (!w)
		return XDP_PASS;
	if (!w->armed) {
		w->armed = 1;
		bpf_timer_init(&w->timer, &windows, CLOCK_MONOTONIC);
		bpf_timer_set_callback(&w->timer, on_tick);
		bpf_timer_start(&w->timer, NSEC_PER_S, 0);
	}
	__sync_fetch_and_add(&w->packets, 1);
	return XDP_PASS;
}
