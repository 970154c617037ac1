// After libbpf-bootstrap's profile.bpf.c, counting samples per pid in a global array: the bound
// check lets the pid equal to the array's size through.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define MAX_PIDS 1024

u64 samples[MAX_PIDS];

SEC("perf_event")
int profile(struct bpf_perf_event_data *ctx)
{
	u32 pid = bpf_get_current_pid_tgid() >> 32;

	if (pid > MAX_PIDS)
		return 0;
	__sync_fetch_and_add(&samples[pid], 1); // expect-line
	return 0;
}
