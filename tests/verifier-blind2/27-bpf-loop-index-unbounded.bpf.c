// After the kernel selftests' bpf_loop programs: the callback fills a map value's array at the
// loop index, trusting the loop count passed to bpf_loop() to bound it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define NR_SLOTS 16

struct table {
	u64 v[NR_SLOTS];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct table);
} tables SEC(".maps");

struct fill_ctx {
	struct table *t;
	u64 seed;
};

static long fill_slot(u64 index, void *data)
{
	struct fill_ctx *c = data;

	c->t->v[index] = c->seed * index; // expect-line
	return 0;
}

SEC("tp/syscalls/sys_enter_getpgid")
int fill_table(void *ctx)
{
	struct fill_ctx c = { .seed = bpf_ktime_get_ns() };
	u32 key = 0;

	c.t = bpf_map_lookup_elem(&tables, &key);
	if (!c.t)
		return 0;
	bpf_loop(NR_SLOTS, fill_slot, &c, 0);
	return 0;
}
