// A program under the MIT licence calling bpf_printk (bpf_trace_printk is GPL-only).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
char LICENSE[] SEC("license") = "MIT";

SEC("tp/sched/sched_process_exec")
int hello(void *ctx)
{
	u32 pid = bpf_get_current_pid_tgid() >> 32;

	bpf_printk("exec from pid %d", pid);
	return 0;
}
