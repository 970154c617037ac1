// After libbpf-bootstrap's uprobe example and bcc's bashreadline: the line bash returns is
// copied with a length taken from a user-controlled counter, never clamped to the buffer.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define MAX_LINE 80

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, u32);
} want_len SEC(".maps");

SEC("uretprobe")
int BPF_KRETPROBE(printret, const void *ret)
{
	char line[MAX_LINE];
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	u32 *len;

	if (!ret)
		return 0;
	len = bpf_map_lookup_elem(&want_len, &pid);
	if (!len)
		return 0;
	bpf_probe_read_user_str(line, *len, ret); // expect-line
	DEBUG_STR("line", line);
	return 0;
}
