// A syscall counter from a pre-1.0 libbpf tutorial: its map is a struct bpf_map_def in the
// "maps" section, which libbpf 1.0 and later refuse at open.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct bpf_map_def {
	unsigned int type;
	unsigned int key_size;
	unsigned int value_size;
	unsigned int max_entries;
};

struct bpf_map_def SEC("maps") calls = {
	.type = BPF_MAP_TYPE_ARRAY,
	.key_size = sizeof(u32),
	.value_size = sizeof(u64),
	.max_entries = 1,
};

SEC("tp/raw_syscalls/sys_enter")
int count_calls(void *ctx)
{
	u32 key = 0;
	u64 *n = bpf_map_lookup_elem(&calls, &key);

	if (n)
		__sync_fetch_and_add(n, 1);
	return 0;
}
