// After xdp-tutorial's and bcc's "walk N entries" loops: the loop bound is a count read from a
// map value, which the verifier cannot bound, so the loop never provably ends.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct config {
	u64 rounds;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct config);
} cfg SEC(".maps");

SEC("tp/syscalls/sys_enter_getppid")
int mix_hash(void *ctx)
{
	u32 zero = 0;
	struct config *c = bpf_map_lookup_elem(&cfg, &zero);
	u64 h = bpf_get_prandom_u32();

	if (!c)
		return 0;
	for (u64 i = 0; i < c->rounds; i++) // expect-line
		h = (h ^ (h >> 7)) * 0x9e3779b97f4a7c15ULL + i;
	SUBMIT_NUM(h);
	return 0;
}
