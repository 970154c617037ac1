// The program reaches its end without setting a return value (here with asm, since clang would only warn).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx)
{
	if (ctx)
		asm volatile("exit");
	return 0;
}
