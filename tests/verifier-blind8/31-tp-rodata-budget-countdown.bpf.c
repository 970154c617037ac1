// A sched_process_exec tracepoint program that logs at most max_events execs. The budget is a
// const volatile global (set by the loader in .rodata) and the program decrements it in place,
// but .rodata is read-only to the program.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

const volatile u64 max_events = 1000;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} execs SEC(".maps");

SEC("tracepoint/sched/sched_process_exec")
int tp_exec_budget(void *ctx)
{
	u32 *pid;

	if (max_events == 0)
		return 0;
	__sync_fetch_and_sub((u64 *)&max_events, 1); // expect-line
	pid = bpf_ringbuf_reserve(&execs, sizeof(*pid), 0);
	if (!pid)
		return 0;
	*pid = bpf_get_current_pid_tgid() >> 32;
	bpf_ringbuf_submit(pid, 0);
	return 0;
}
