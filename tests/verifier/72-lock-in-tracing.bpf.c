// A spin lock guards a per-process counter, taken from a tracepoint: tracing programs may not
// use bpf_spin_lock at all, and the kernel refuses the program before checking a line of it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct opens {
	struct bpf_spin_lock guard;
	u64 count;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, struct opens);
} per_pid SEC(".maps");

SEC("tp/syscalls/sys_enter_openat")
int count_opens(void *ctx)
{
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	struct opens zero = {}, *o;

	bpf_map_update_elem(&per_pid, &pid, &zero, BPF_NOEXIST);
	o = bpf_map_lookup_elem(&per_pid, &pid);
	if (!o)
		return 0;
	bpf_spin_lock(&o->guard);
	o->count++;
	bpf_spin_unlock(&o->guard);
	return 0;
}
