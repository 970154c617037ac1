// After libbpf-tools execsnoop: a per-pid start record kept in a hash map at execve entry
// and read back at exit; the exit side uses the looked-up value without checking it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct start_rec {
	u64 ts;
	u32 uid;
	u32 argc;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, u32);
	__type(value, struct start_rec);
} execs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, u32);
	__type(value, u64);
} durations SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_execve")
int tp_enter_execve(struct trace_event_raw_sys_enter *ctx)
{
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	struct start_rec rec = {};

	rec.ts = bpf_ktime_get_ns();
	rec.uid = (u32)bpf_get_current_uid_gid();
	bpf_map_update_elem(&execs, &pid, &rec, BPF_ANY);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_execve")
int tp_exit_execve(struct trace_event_raw_sys_exit *ctx)
{
	u32 pid = bpf_get_current_pid_tgid() >> 32;
	struct start_rec *rec;
	u64 delta;

	rec = bpf_map_lookup_elem(&execs, &pid);
	delta = bpf_ktime_get_ns() - rec->ts; // expect-line
	bpf_map_update_elem(&durations, &pid, &delta, BPF_ANY);
	bpf_map_delete_elem(&execs, &pid);
	return 0;
}
