// A heartbeat timer that re-arms itself every 100 ms and returns what bpf_timer_start()
// returned: a timer callback must return 0.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct beat {
	struct bpf_timer t;
	u64 ticks;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct beat);
} beats SEC(".maps");

static int tick(void *map, u32 *key, struct beat *b)
{
	b->ticks++;
	return bpf_timer_start(&b->t, 100000000, 0);
}

SEC("tc")
int start_beat(struct __sk_buff *skb)
{
	u32 key = 0;
	struct beat *b = bpf_map_lookup_elem(&beats, &key);

	if (!b)
		return 0;
	bpf_timer_init(&b->t, &beats, 1);
	bpf_timer_set_callback(&b->t, tick);
	bpf_timer_start(&b->t, 100000000, 0);
	return 0;
}
