// After selftests/bpf global function tests (test_global_func*): packet statistics kept
// through a global helper function that trusts its pointer argument.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct pkt_stats {
	u64 packets;
	u64 bytes;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 64);
	__type(key, u32);
	__type(value, struct pkt_stats);
} stats SEC(".maps");

__noinline int account(struct pkt_stats *s, u32 len)
{
	s->packets++; // expect-line
	s->bytes += len;
	return 0;
}

SEC("xdp")
int xdp_account(struct xdp_md *ctx)
{
	u32 key = ctx->rx_queue_index & 63;
	struct pkt_stats *s = bpf_map_lookup_elem(&stats, &key);

	if (s)
		account(s, ctx->data_end - ctx->data);
	return XDP_PASS;
}
