// After the kernel selftests' test_global_func* programs: a global (non-static) function picks a
// bucket; global functions are verified on their own, so the caller only knows the result is
// some int and must check it before indexing the map value with it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

#define NBUCKETS 64

struct hist {
	u64 slots[NBUCKETS];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct hist);
} sizes SEC(".maps");

__noinline int bucket_of(u32 len)
{
	int b = 0;

	while (len > 1 && b < NBUCKETS - 1) {
		len >>= 1;
		b++;
	}
	return b;
}

SEC("tc")
int tc_size_hist(struct __sk_buff *skb)
{
	u32 zero = 0;
	struct hist *h = bpf_map_lookup_elem(&sizes, &zero);
	int b;

	if (!h)
		return 0;
	b = bucket_of(skb->len);
	__sync_fetch_and_add(&h->slots[b], 1); // expect-line
	return 0;
}
