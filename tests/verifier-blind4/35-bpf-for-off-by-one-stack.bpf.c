// After open-coded iterator users (selftests/bpf iters, bpf_for): the last N syscall ids
// are kept in a small stack ring; the loop runs one slot past its end.
// blind: vm only: bpf_iter_num kfuncs need kernel BTF, which the host kernel does not expose
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define NR_RECENT 8

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, NR_RECENT);
	__type(key, u32);
	__type(value, u64);
} recent SEC(".maps");

SEC("tp_btf/sys_enter")
int BPF_PROG(recent_syscalls, struct pt_regs *regs, long id)
{
	u64 ids[NR_RECENT] = {};
	u64 sum = 0;
	u32 key = 0;
	int i;

	ids[0] = id;
	bpf_for(i, 0, NR_RECENT + 1) // expect-line
		sum += ids[i];
	bpf_map_update_elem(&recent, &key, &sum, BPF_ANY);
	return 0;
}
