// A tc program that wants to expire idle flows: it arms a bpf_timer the first time it sees a
// flow. The mistake: the struct bpf_timer is a local variable on the stack; a timer must live
// inside a map value (the timer outlives the program run).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define CLOCK_MONOTONIC 1

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, __u64);
} flows SEC(".maps");

static int expire_flow(void *map, __u32 *key, __u64 *val)
{
	bpf_map_delete_elem(map, key);
	return 0;
}

SEC("tc")
int track_flow(struct __sk_buff *skb)
{
	__u32 key = skb->hash;
	__u64 now = bpf_ktime_get_ns();
	struct bpf_timer idle; // expect-line

	if (bpf_map_lookup_elem(&flows, &key))
		return 0;
	bpf_map_update_elem(&flows, &key, &now, BPF_ANY);
	bpf_timer_init(&idle, &flows, CLOCK_MONOTONIC);
	bpf_timer_set_callback(&idle, expire_flow);
	bpf_timer_start(&idle, 30ULL * 1000000000, 0);
	return 0;
}
