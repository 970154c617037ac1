// A log2 histogram of read() sizes, biosize-style, at the exit of vfs_read(): the slot is
// clamped with ">= MAX_SLOTS" to MAX_SLOTS, one past the last slot of the array.
// blind: vm only: fexit needs BTF trampolines
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define MAX_SLOTS 20

struct hist {
	u64 slots[MAX_SLOTS];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct hist);
} hists SEC(".maps");

static __always_inline u32 log2l(u64 v)
{
	u32 r = 0;

	for (int i = 0; i < 64 && v > 1; i++) {
		v >>= 1;
		r++;
	}
	return r;
}

SEC("fexit/vfs_read")
int BPF_PROG(read_exit, struct file *file, char *buf, size_t count, loff_t *pos, ssize_t ret)
{
	u32 zero = 0, slot;
	struct hist *h;

	if (ret <= 0)
		return 0;
	h = bpf_map_lookup_elem(&hists, &zero);
	if (!h)
		return 0;
	slot = log2l(ret);
	if (slot >= MAX_SLOTS) // expect-line
		slot = MAX_SLOTS;
	__sync_fetch_and_add(&h->slots[slot], 1);
	return 0;
}
