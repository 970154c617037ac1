// After bcc libbpf-tools' execsnoop.bpf.c: the arguments are appended at args_size into a
// per-CPU buffer, without the check that args_size still leaves room for one more.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define ARGSIZE 128
#define TOTAL_MAX_ARGS 60
#define FULL_MAX_ARGS_ARR (TOTAL_MAX_ARGS * ARGSIZE)

struct event {
	u32 pid;
	int args_count;
	unsigned int args_size;
	char comm[16];
	char args[FULL_MAX_ARGS_ARR];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct event);
} heap SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1024 * 1024);
} events SEC(".maps");

SEC("tp/syscalls/sys_enter_execve")
int tracepoint__syscalls__sys_enter_execve(struct trace_event_raw_sys_enter *ctx)
{
	const char **argv = (const char **)ctx->args[1];
	const char *argp;
	struct event *e;
	u32 zero = 0;
	long ret;
	int i;

	e = bpf_map_lookup_elem(&heap, &zero);
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->args_count = 0;
	e->args_size = 0;
	bpf_get_current_comm(&e->comm, sizeof(e->comm));
	ret = bpf_probe_read_user_str(e->args, ARGSIZE, (const char *)ctx->args[0]);
	if (ret <= ARGSIZE)
		e->args_size += ret;
	else
		e->args[0] = '\0';
	for (i = 1; i < TOTAL_MAX_ARGS; i++) {
		bpf_probe_read_user(&argp, sizeof(argp), &argv[i]);
		if (!argp)
			break;
		ret = bpf_probe_read_user_str(&e->args[e->args_size], ARGSIZE, argp); // expect-line
		if (ret > ARGSIZE)
			break;
		e->args_count++;
		e->args_size += ret;
	}
	bpf_ringbuf_output(&events, e, sizeof(*e), 0);
	return 0;
}
