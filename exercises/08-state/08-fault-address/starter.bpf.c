// bpfdojo runs this at every page fault, on every CPU.  Submit the address of toucher's
// fault between LOW and HIGH.
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

SEC("perf_event")
int on_fault(struct bpf_perf_event_data *ctx)
{
	__u64 addr = ctx->addr;

	if (!is_toucher())
		return 0;
	DEBUG_NUM("fault at", addr);
	// TODO: keep the one in [LOW, HIGH) and SUBMIT_NUM() it, once.
	return 0;
}
