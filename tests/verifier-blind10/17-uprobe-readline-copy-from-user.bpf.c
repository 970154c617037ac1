// After libbpf-bootstrap's uprobe example, capturing bash's readline() result: it calls
// bpf_copy_from_user(), which may sleep, from a plain (non-sleepable) uretprobe.
// blind: vm only: uprobes are kprobe-type programs (the host has no kprobes)
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";
struct line {
	u32 pid;
	char str[80];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} lines SEC(".maps");

SEC("uretprobe//bin/bash:readline")
int BPF_URETPROBE(printret, const void *ret)
{
	struct line *l;

	if (!ret)
		return 0;
	l = bpf_ringbuf_reserve(&lines, sizeof(*l), 0);
	if (!l)
		return 0;
	l->pid = bpf_get_current_pid_tgid() >> 32;
	bpf_copy_from_user(l->str, sizeof(l->str), ret); // expect-line
	bpf_ringbuf_submit(l, 0);
	return 0;
}
