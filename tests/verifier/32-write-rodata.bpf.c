// A write to a const global: it lives in a read-only map.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

const volatile u32 threshold = 10;

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	*(volatile u32 *)&threshold = 20;
	return 0;
}
