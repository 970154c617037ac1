// A bashreadline-style tool: a uretprobe on bash's readline() sends each command line typed.
// Mistake: it tests the first character of the returned user-space string with a direct
// dereference; user memory must be read with bpf_probe_read_user_str().
// blind: vm only: the host kernel has no kprobes (uprobe programs share their program type)
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct event {
	u32 pid;
	char line[80];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(u32));
	__uint(value_size, sizeof(u32));
} events SEC(".maps");

SEC("uretprobe//bin/bash:readline")
int BPF_URETPROBE(printret, const void *ret)
{
	struct event e = {};

	if (!ret)
		return 0;
	if (*(const char *)ret == 0) // expect-line
		return 0;
	e.pid = bpf_get_current_pid_tgid() >> 32;
	bpf_probe_read_user_str(e.line, sizeof(e.line), ret);
	bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, &e, sizeof(e));
	return 0;
}
