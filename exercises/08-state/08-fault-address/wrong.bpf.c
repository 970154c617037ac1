// A plausible mistake: the range, but not the process, so the first fault in the range is
// noisy's.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define LOW  0x200000000000ull
#define HIGH 0x200100000000ull

__u32 done;

SEC("perf_event")
int on_fault(struct bpf_perf_event_data *ctx)
{
	__u64 addr = ctx->addr;

	if (done || addr < LOW || addr >= HIGH)
		return 0;
	done = 1;
	SUBMIT_NUM(addr);
	return 0;
}
