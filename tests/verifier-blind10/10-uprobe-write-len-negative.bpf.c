// A uprobe on libc's write() that captures the first bytes written: the length argument is
// kept in an int and only clamped from above, so a negative count reaches bpf_probe_read_user().
// blind: vm only: uprobes are kprobe-type programs (the host has no kprobes)
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";
#define MAX_BUF 256

struct event {
	u32 pid;
	int len;
	char buf[MAX_BUF];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct event);
} heap SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(u32));
	__uint(value_size, sizeof(u32));
} events SEC(".maps");

SEC("uprobe/libc.so.6:write")
int BPF_UPROBE(uprobe_write, int fd, const void *buf, size_t count)
{
	u32 zero = 0;
	struct event *e;
	int len = count;

	e = bpf_map_lookup_elem(&heap, &zero);
	if (!e)
		return 0;
	if (len > MAX_BUF)
		len = MAX_BUF;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->len = len;
	bpf_probe_read_user(e->buf, len, buf); // expect-line
	bpf_perf_event_output(ctx, &events, BPF_F_CURRENT_CPU, e, sizeof(*e));
	return 0;
}
