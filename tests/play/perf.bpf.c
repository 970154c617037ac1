/* perf.bpf.c: a perf event array in the playground (tests/test_play.sh): each openat sends a
 * sample with bpf_perf_event_output().  struct opened is 32 bytes, its samples arrive as 36
 * (the kernel pads a sample and its u32 size to 8 bytes): the host must still find the type. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct opened {
	u64 calls;
	u32 pid;
	char comm[16];
};

struct opened *unused_sample;   /* puts struct opened in the BTF */

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(u32));
	__uint(value_size, sizeof(u32));
} samples SEC(".maps");

u64 calls;

SEC("tp/syscalls/sys_enter_openat")
int on_openat(void *ctx)
{
	struct opened s = { .calls = ++calls, .pid = bpf_get_current_pid_tgid() >> 32 };

	bpf_get_current_comm(s.comm, sizeof(s.comm));
	bpf_perf_event_output(ctx, &samples, BPF_F_CURRENT_CPU, &s, sizeof(s));
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
