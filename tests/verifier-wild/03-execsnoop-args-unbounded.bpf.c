// After bcc's libbpf-tools/execsnoop.bpf.c: the argument strings are copied one after another
// into the event, at an offset that is never bounded again after it grows.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
char LICENSE[] SEC("license") = "GPL";

#define ARGSIZE  128
#define TOTAL_MAX_ARGS 20
#define FULL_MAX_ARGS_ARR (TOTAL_MAX_ARGS * ARGSIZE)

struct event {
	pid_t pid;
	int args_count;
	unsigned int args_size;
	char comm[16];
	char args[FULL_MAX_ARGS_ARR];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 64   /* bcc has 10240: over bpfdojo's map budget */);
	__type(key, pid_t);
	__type(value, struct event);
} execs SEC(".maps");

static const struct event empty_event = {};

SEC("tracepoint/syscalls/sys_enter_execve")
int tracepoint__syscalls__sys_enter_execve(struct trace_event_raw_sys_enter *ctx)
{
	const char **args = (const char **)(ctx->args[1]);
	const char *argp;
	struct event *event;
	pid_t pid = bpf_get_current_pid_tgid() >> 32;
	int ret;

	if (bpf_map_update_elem(&execs, &pid, &empty_event, BPF_NOEXIST))
		return 0;
	event = bpf_map_lookup_elem(&execs, &pid);
	if (!event)
		return 0;
	event->pid = pid;
	event->args_count = 0;
	event->args_size = 0;

	for (int i = 1; i < TOTAL_MAX_ARGS; i++) {
		bpf_probe_read_user(&argp, sizeof(argp), &args[i]);
		if (!argp)
			return 0;
		ret = bpf_probe_read_user_str(&event->args[event->args_size], ARGSIZE, argp);
		if (ret < 0)
			return 0;
		event->args_count++;
		event->args_size += ret;
	}
	return 0;
}
