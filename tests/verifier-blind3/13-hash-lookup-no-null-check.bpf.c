// After bcc libbpf-tools execsnoop/opensnoop (enter stores args, exit looks them up): the exit
// handler uses the looked-up entry without checking that the lookup found one.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct args_t {
	const char *fname;
	int flags;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, u32);
	__type(value, struct args_t);
} start SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_openat")
int enter_openat(struct trace_event_raw_sys_enter *ctx)
{
	u32 tid = (u32)bpf_get_current_pid_tgid();
	struct args_t args = {};

	args.fname = (const char *)ctx->args[1];
	args.flags = (int)ctx->args[2];
	bpf_map_update_elem(&start, &tid, &args, BPF_ANY);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_openat")
int exit_openat(struct trace_event_raw_sys_exit *ctx)
{
	u32 tid = (u32)bpf_get_current_pid_tgid();
	struct args_t *ap;
	int flags;

	ap = bpf_map_lookup_elem(&start, &tid);
	flags = ap->flags; // expect-line
	DEBUG_NUM("flags", flags);
	DEBUG_NUM("ret", ctx->ret);
	bpf_map_delete_elem(&start, &tid);
	return 0;
}
