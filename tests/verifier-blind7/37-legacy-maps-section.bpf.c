// A packet counter copied from an old (pre-libbpf-1.0) tutorial: it declares its map with a
// struct bpf_map_def in the "maps" section. The mistake: libbpf 1.0 and later no longer
// support legacy map definitions and refuse to open the object; the map must be declared
// BTF-style with __uint/__type in SEC(".maps").
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct bpf_map_def {
	unsigned int type;
	unsigned int key_size;
	unsigned int value_size;
	unsigned int max_entries;
	unsigned int map_flags;
};

struct bpf_map_def SEC("maps") pkt_count = { // expect-line
	.type = BPF_MAP_TYPE_ARRAY,
	.key_size = sizeof(__u32),
	.value_size = sizeof(__u64),
	.max_entries = 1,
};

SEC("xdp")
int count_packets(struct xdp_md *ctx)
{
	__u32 key = 0;
	__u64 *value = bpf_map_lookup_elem(&pkt_count, &key);

	if (value)
		__sync_fetch_and_add(value, 1);
	return XDP_PASS;
}
