// A tracer keeps per-process counters and factors the lookup into a helper function, but the
// function is global (not static), and a global function may only return a number.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct counter {
	u64 opens;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, u32);
	__type(value, struct counter);
} counters SEC(".maps");

__noinline struct counter *counter_for(u32 tgid)
{
	struct counter fresh = {};

	bpf_map_update_elem(&counters, &tgid, &fresh, BPF_NOEXIST);
	return bpf_map_lookup_elem(&counters, &tgid);
}

SEC("tp/syscalls/sys_enter_openat")
int count_opens(void *ctx)
{
	struct counter *c = counter_for(bpf_get_current_pid_tgid() >> 32);

	if (c)
		c->opens++;
	return 0;
}
