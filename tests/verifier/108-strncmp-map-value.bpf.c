// Watches one command whose name user space writes into an array map, comparing with
// bpf_strncmp(): its string argument must be fixed at load time, not a writable map value.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct watched {
	char comm[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct watched);
} watch SEC(".maps");

SEC("tp/sched/sched_process_exec")
int on_exec(void *ctx)
{
	u32 zero = 0;
	struct watched *w = bpf_map_lookup_elem(&watch, &zero);
	char comm[16];

	if (!w)
		return 0;
	bpf_get_current_comm(comm, sizeof(comm));
	if (bpf_strncmp(comm, sizeof(comm), w->comm) == 0)
		SUBMIT_STR(comm);
	return 0;
}
