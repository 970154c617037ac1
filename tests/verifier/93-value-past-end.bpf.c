// Per-process byte counters: the map was first declared with a u64 value, then the program grew a
// struct of two counters and reads its second one from each element, past the 8 bytes there.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct io_totals {
	u64 reads;
	u64 writes;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, u32);
	__type(value, u64);
} totals SEC(".maps");

SEC("tp/syscalls/sys_enter_write")
int count_write(void *ctx)
{
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	struct io_totals *t = bpf_map_lookup_elem(&totals, &pid);

	if (!t)
		return 0;
	t->writes++;
	return 0;
}
