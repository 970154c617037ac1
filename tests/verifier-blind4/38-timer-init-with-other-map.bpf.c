// After selftests/bpf timer tests: a per-flow expiry timer kept in one hash map, initialised
// with the handle of another map.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define CLOCK_MONOTONIC 1

struct flow {
	struct bpf_timer timer;
	u64 last_seen;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, struct flow);
} flows SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, u64);
} expired SEC(".maps");

static int flow_expire(void *map, u32 *key, struct flow *f)
{
	bpf_map_update_elem(&expired, key, &f->last_seen, BPF_ANY);
	return 0;
}

SEC("xdp")
int xdp_flow_timer(struct xdp_md *ctx)
{
	u32 key = ctx->ingress_ifindex;
	struct flow init = {}, *f;

	bpf_map_update_elem(&flows, &key, &init, BPF_NOEXIST);
	f = bpf_map_lookup_elem(&flows, &key);
	if (!f)
		return XDP_PASS;
	f->last_seen = bpf_ktime_get_ns();
	bpf_timer_init(&f->timer, &expired, CLOCK_MONOTONIC); // expect-line
	bpf_timer_set_callback(&f->timer, flow_expire);
	bpf_timer_start(&f->timer, 5000000000ULL, 0);
	return XDP_PASS;
}
