// Hashing a filename byte by byte up to the length the copy returned: the index into the stack
// buffer is not bounded by the buffer's size.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, u32);
} hashes SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_unlinkat")
int hash_name(struct trace_event_raw_sys_enter *ctx)
{
	char name[32];
	u32 h = 5381, pid = bpf_get_current_pid_tgid() >> 32;
	long len = bpf_probe_read_user_str(name, sizeof(name), (const char *)ctx->args[1]);
	u32 n = ctx->args[2];

	if (len <= 0)
		return 0;
	for (u32 i = 0; i < 32 && i < n; i++)
		h = h * 33 + name[i + n % 8];
	bpf_map_update_elem(&hashes, &pid, &h, BPF_ANY);
	return 0;
}
