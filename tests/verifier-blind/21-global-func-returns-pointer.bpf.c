// After a tracer that factors its map lookup into a function: the function is global (not
// static), and a global function may only return a scalar.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct call_stat {
	u64 calls;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, struct call_stat);
} stats SEC(".maps");

__noinline struct call_stat *get_stat(u32 pid) // expect-line
{
	struct call_stat zero = {};

	bpf_map_update_elem(&stats, &pid, &zero, BPF_NOEXIST);
	return bpf_map_lookup_elem(&stats, &pid);
}

SEC("tp/syscalls/sys_enter_read")
int on_read(void *ctx)
{
	struct call_stat *s = get_stat(bpf_get_current_pid_tgid() >> 32);

	if (s)
		s->calls++;
	return 0;
}
