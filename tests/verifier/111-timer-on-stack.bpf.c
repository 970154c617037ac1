// Arms a one-shot timer per packet to flush statistics later, but the struct bpf_timer is a
// local variable: a timer outlives the program's run and must live in a map value.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, u64);
} stats SEC(".maps");

static int flush(void *map, u32 *key, u64 *val)
{
	*val = 0;
	return 0;
}

SEC("tc")
int arm_flush(struct __sk_buff *skb)
{
	struct bpf_timer later;

	bpf_timer_init(&later, &stats, 1);
	bpf_timer_set_callback(&later, flush);
	bpf_timer_start(&later, 1000000000, 0);
	return 0;
}
