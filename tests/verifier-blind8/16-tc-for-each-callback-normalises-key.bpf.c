// A tc egress program that, every packet, walks a small flow table with bpf_for_each_map_elem()
// to age out idle entries. The callback tries to normalise the key in place (clearing its port
// field) before using it, but a callback may not write to the map key it is given.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define TC_ACT_OK 0

struct flow_key {
	u32 addr;
	u16 port;
	u16 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, struct flow_key);
	__type(value, u64);
} flows SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, struct flow_key);
	__type(value, u64);
} idle SEC(".maps");

static long age_flow(struct bpf_map *map, struct flow_key *key, u64 *last_seen, void *data)
{
	u64 now = *(u64 *)data;

	if (now - *last_seen < 30000000000ULL)
		return 0;
	key->port = 0; // expect-line
	bpf_map_update_elem(&idle, key, last_seen, BPF_ANY);
	return 0;
}

SEC("tc")
int tc_age_flows(struct __sk_buff *skb)
{
	u64 now = bpf_ktime_get_ns();

	bpf_for_each_map_elem(&flows, age_flow, &now, 0);
	return TC_ACT_OK;
}
