// Keeps a path per pid in a hash map sized for a whole fleet: 65536 entries of 4 KiB, far past
// what one bpfdojo run may allocate for its maps.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct path_buf {
	char path[4096];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 65536);
	__type(key, u32);
	__type(value, struct path_buf);
} paths SEC(".maps");

SEC("tp/sched/sched_process_exec")
int on_exec(void *ctx)
{
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	struct path_buf *p = bpf_map_lookup_elem(&paths, &pid);

	if (p)
		DEBUG_NUM("first byte", p->path[0]);
	return 0;
}
