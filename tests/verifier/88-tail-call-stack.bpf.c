// A tc classifier copies the first bytes of the packet into a stack buffer, then hands over to
// the next stage with a tail call made from a function of its own: the frames above a tail
// call in a subprogram may hold at most 256 bytes of stack.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 4);
	__type(key, u32);
	__type(value, u32);
} stages SEC(".maps");

static __noinline int next_stage(struct __sk_buff *skb, u32 stage)
{
	bpf_tail_call(skb, &stages, stage);
	return 0;
}

SEC("tc")
int classify(struct __sk_buff *skb)
{
	u8 head[272];

	if (bpf_skb_load_bytes(skb, 0, head, sizeof(head)) < 0)
		return 0;
	return next_stage(skb, head[12] & 3) + head[271];
}
