// After selftests/bpf for_each_hash_map_elem: sum per-flow stats with
// bpf_for_each_map_elem; the callback treats each value as a two-counter struct, the map
// holds a single counter.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct flow_counters {
	u64 packets;
	u64 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, u64);
} flows SEC(".maps");

struct sum_ctx {
	u64 packets;
	u64 bytes;
};

static long sum_flow(struct bpf_map *map, u32 *key, u64 *val, struct sum_ctx *sc)
{
	struct flow_counters *fs = (struct flow_counters *)val;

	sc->packets += fs->packets;
	sc->bytes += fs->bytes; // expect-line
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_getpid")
int tp_dump_flows(void *ctx)
{
	struct sum_ctx sc = {};
	u32 key = 0;

	bpf_for_each_map_elem(&flows, sum_flow, &sc, 0);
	bpf_map_update_elem(&flows, &key, &sc.bytes, BPF_ANY);
	return 0;
}
