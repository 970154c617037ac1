// An XDP program meant to count packets per receiving process by name. The mistake: an XDP
// program runs in the driver's receive path, not in any process's context, and may not call
// bpf_get_current_comm() (socket-level hooks such as cgroup_skb or fentry on a socket function
// can tell which process a packet belongs to).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, char[16]);
	__type(value, __u64);
} per_comm SEC(".maps");

SEC("xdp")
int count_by_comm(struct xdp_md *ctx)
{
	char comm[16] = {};
	__u64 one = 1, *cnt;

	bpf_get_current_comm(comm, sizeof(comm)); // expect-line
	cnt = bpf_map_lookup_elem(&per_comm, comm);
	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	else
		bpf_map_update_elem(&per_comm, comm, &one, BPF_ANY);
	return XDP_PASS;
}
