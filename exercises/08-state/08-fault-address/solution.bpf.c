// Reference solution: toucher's page faults in the range, sampled by the page-fault event;
// the first one's address is submitted.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define LOW  0x200000000000ull
#define HIGH 0x200100000000ull

static __always_inline int is_toucher(void)
{
	const char want[] = "toucher";
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	return 1;
}

__u32 done;

SEC("perf_event")
int on_fault(struct bpf_perf_event_data *ctx)
{
	__u64 addr = ctx->addr;

	if (done || !is_toucher() || addr < LOW || addr >= HIGH)
		return 0;
	done = 1;
	SUBMIT_NUM(addr);
	return 0;
}
