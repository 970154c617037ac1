// A tc rate marker whose settings live in an array map that user space fills and that the
// program was meant only to read (BPF_F_RDONLY_PROG): the program also counts its hits in
// that same config value, and a program may not write a map it declared read-only.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define TC_ACT_OK 0

struct settings {
	u32 mark;
	u32 min_len;
	u64 hits;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__uint(map_flags, BPF_F_RDONLY_PROG);
	__type(key, u32);
	__type(value, struct settings);
} settings SEC(".maps");

SEC("tc")
int mark_big(struct __sk_buff *skb)
{
	u32 zero = 0;
	struct settings *s = bpf_map_lookup_elem(&settings, &zero);

	if (!s || skb->len < s->min_len)
		return TC_ACT_OK;
	skb->mark = s->mark;
	s->hits++; // expect-line
	return TC_ACT_OK;
}
