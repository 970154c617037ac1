// Counts context switches away from the process "spinner", reading the current process name
// into a 16-byte buffer. The mistake: the size passed to bpf_get_current_comm() is 32, not
// sizeof(comm), so the helper may write past the end of the buffer.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define COMM_LEN 32

__u64 switches;

SEC("tracepoint/sched/sched_switch")
int on_switch(struct trace_event_raw_sched_switch *ctx)
{
	const char want[] = "spinner";
	char comm[16];

	bpf_get_current_comm(comm, COMM_LEN); // expect-line
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	__sync_fetch_and_add(&switches, 1);
	return 0;
}
