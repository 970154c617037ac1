// A record sized by the string it carries: the reservation's size is only known at run time.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 16);
} events SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_openat")
int on_open(struct trace_event_raw_sys_enter *ctx)
{
	char name[64];
	long len;
	char *rec;

	len = bpf_probe_read_user_str(name, sizeof(name), (const char *)ctx->args[1]);
	if (len <= 0)
		return 0;
	rec = bpf_ringbuf_reserve(&events, len, 0);
	if (!rec)
		return 0;
	bpf_probe_read_kernel(rec, len & 63, name);
	bpf_ringbuf_submit(rec, 0);
	return 0;
}
