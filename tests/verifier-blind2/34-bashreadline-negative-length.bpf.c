// After bcc libbpf-tools' bashreadline.bpf.c: the line read at readline's return is sent with the
// length bpf_probe_read_user_str() returned, which is negative when the read fails.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define MAX_LINE 80

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} rb SEC(".maps");

SEC("uretprobe//bin/bash:readline")
int BPF_KRETPROBE(printret, const void *ret)
{
	char str[MAX_LINE];
	long len;

	if (!ret)
		return 0;
	len = bpf_probe_read_user_str(str, sizeof(str), ret);
	bpf_ringbuf_output(&rb, str, len, 0); // expect-line
	return 0;
}
