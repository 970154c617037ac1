// A counter per CPU in an array map: "an array lookup cannot fail", so no NULL check (the
// verifier cannot tell the key is in range and says map_value_or_null).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 64);
	__type(key, u32);
	__type(value, u64);
} exec_count SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_execve")
int count_execs(void *ctx)
{
	u32 key = bpf_get_smp_processor_id() % 64;
	u64 *val;

	val = bpf_map_lookup_elem(&exec_count, &key);
	__sync_fetch_and_add(val, 1);
	return 0;
}
