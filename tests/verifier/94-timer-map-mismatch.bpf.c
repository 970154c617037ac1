// A per-interface session table whose entries time out (tc): each entry holds a bpf_timer, but the
// timer is set up with the statistics map instead of the table the entry lives in.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct session {
	struct bpf_timer expire;
	u64 started;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, u32);
	__type(value, struct session);
} sessions SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct session);
} stats SEC(".maps");

SEC("tc")
int open_session(struct __sk_buff *skb)
{
	u32 pid = skb->ifindex;
	struct session fresh = {}, *s;

	bpf_map_update_elem(&sessions, &pid, &fresh, BPF_NOEXIST);
	s = bpf_map_lookup_elem(&sessions, &pid);
	if (!s)
		return 0;
	s->started = bpf_ktime_get_ns();
	bpf_timer_init(&s->expire, &stats, 1);
	return 0;
}
