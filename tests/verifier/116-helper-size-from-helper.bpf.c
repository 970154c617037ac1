// Sends the new program's path on exec with bpf_ringbuf_output(), sized by what
// bpf_probe_read_user_str() returned: a negative error when the read fails.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} paths SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, char[128]);
} scratch SEC(".maps");

SEC("tp/syscalls/sys_enter_execve")
int on_exec(struct trace_event_raw_sys_enter *ctx)
{
	u32 zero = 0;
	char *buf = bpf_map_lookup_elem(&scratch, &zero);
	long len;

	if (!buf)
		return 0;
	len = bpf_probe_read_user_str(buf, 128, (const char *)ctx->args[0]);
	bpf_ringbuf_output(&paths, buf,
			   len, 0);
	return 0;
}
