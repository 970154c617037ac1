// 17 programs: more than bpfdojo allows (16).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/sched/sched_process_exec")
int p0(void *ctx)
{
	return 0;
}

SEC("tp/sched/sched_process_exec")
int p1(void *ctx)
{
	return 0;
}

SEC("tp/sched/sched_process_exec")
int p2(void *ctx)
{
	return 0;
}

SEC("tp/sched/sched_process_exec")
int p3(void *ctx)
{
	return 0;
}

SEC("tp/sched/sched_process_exec")
int p4(void *ctx)
{
	return 0;
}

SEC("tp/sched/sched_process_exec")
int p5(void *ctx)
{
	return 0;
}

SEC("tp/sched/sched_process_exec")
int p6(void *ctx)
{
	return 0;
}

SEC("tp/sched/sched_process_exec")
int p7(void *ctx)
{
	return 0;
}

SEC("tp/sched/sched_process_exec")
int p8(void *ctx)
{
	return 0;
}

SEC("tp/sched/sched_process_exec")
int p9(void *ctx)
{
	return 0;
}

SEC("tp/sched/sched_process_exec")
int p10(void *ctx)
{
	return 0;
}

SEC("tp/sched/sched_process_exec")
int p11(void *ctx)
{
	return 0;
}

SEC("tp/sched/sched_process_exec")
int p12(void *ctx)
{
	return 0;
}

SEC("tp/sched/sched_process_exec")
int p13(void *ctx)
{
	return 0;
}

SEC("tp/sched/sched_process_exec")
int p14(void *ctx)
{
	return 0;
}

SEC("tp/sched/sched_process_exec")
int p15(void *ctx)
{
	return 0;
}

SEC("tp/sched/sched_process_exec")
int p16(void *ctx)
{
	return 0;
}
