// After tracee-style path assembly split over helper functions: two sub-functions each keep
// a large stack buffer and one calls the other.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

#define BUF_LEN 288

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, u64);
} path_hash SEC(".maps");

static __noinline u64 hash_buf(const char *p, u32 n)
{
	u64 h = 5381;
	u32 i;

	for (i = 0; i < 32 && i < n; i++)
		h = h * 33 + p[i];
	return h;
}

static __noinline u64 hash_dir(const char *dir)
{
	char buf[BUF_LEN]; // expect-line
	long n;

	n = bpf_probe_read_user_str(buf, sizeof(buf), dir);
	if (n <= 0)
		return 0;
	return hash_buf(buf, n);
}

static __noinline u64 hash_path(const char *dir, const char *name)
{
	char buf[BUF_LEN];
	long n;

	n = bpf_probe_read_user_str(buf, sizeof(buf), name);
	if (n <= 0)
		return 0;
	return hash_buf(buf, n) ^ hash_dir(dir);
}

SEC("tracepoint/syscalls/sys_enter_renameat")
int tp_renameat(struct trace_event_raw_sys_enter *ctx)
{
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	u64 h = hash_path((const char *)ctx->args[1], (const char *)ctx->args[3]);

	bpf_map_update_elem(&path_hash, &pid, &h, BPF_ANY);
	return 0;
}
