// An XDP rate limiter refilling a token bucket from a bpf_timer every 10 ms, after the timer
// selftests. The callback re-arms the timer itself and then returns 1, meaning "keep going".
// The mistake: a bpf_timer callback must return 0; the verifier rejects any other value.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define CLOCK_MONOTONIC 1
#define TOKENS_PER_TICK 100

struct tb_bucket {
	struct bpf_timer timer;
	__u64 tokens;
	__u32 armed;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct tb_bucket);
} buckets SEC(".maps");

static int refill(void *map, __u32 *key, struct tb_bucket *b)
{
	b->tokens = TOKENS_PER_TICK;
	bpf_timer_start(&b->timer, 10 * 1000000, 0);
	return 1; // expect-line
}

SEC("xdp")
int xdp_ratelimit(struct xdp_md *ctx)
{
	__u32 zero = 0;
	struct tb_bucket *b = bpf_map_lookup_elem(&buckets, &zero);

	if (!b)
		return XDP_PASS;
	if (!b->armed) {
		b->armed = 1;
		bpf_timer_init(&b->timer, &buckets, CLOCK_MONOTONIC);
		bpf_timer_set_callback(&b->timer, refill);
		bpf_timer_start(&b->timer, 10 * 1000000, 0);
	}
	if (!b->tokens)
		return XDP_DROP;
	__sync_fetch_and_sub(&b->tokens, 1);
	return XDP_PASS;
}
