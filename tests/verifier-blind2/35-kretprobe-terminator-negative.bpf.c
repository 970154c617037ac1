// After getname-style tracers that copy a kernel string into a stack buffer and terminate it by
// hand: the terminator's index comes from the helper's return value, negative on a failed read.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} rb SEC(".maps");

SEC("kretprobe/getname_flags")
int BPF_KRETPROBE(getname_ret, struct filename *f)
{
	char buf[64];
	long n;

	if (!f)
		return 0;
	n = bpf_probe_read_kernel_str(buf, sizeof(buf), BPF_CORE_READ(f, name));
	buf[n - 1] = '\0'; // expect-line
	bpf_ringbuf_output(&rb, buf, sizeof(buf), 0);
	return 0;
}
