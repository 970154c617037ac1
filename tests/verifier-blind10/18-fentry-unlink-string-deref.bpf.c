// An fentry program on do_unlinkat that counts unlinks of absolute paths: it reads the
// first character of name->name directly, but a char pointer reached through BTF is only a
// number to the verifier (bpf_probe_read_kernel_str() is needed).
// blind: vm only: fentry (the host has no fentry)
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 2);
	__type(key, u32);
	__type(value, u64);
} kinds SEC(".maps");

SEC("fentry/do_unlinkat")
int BPF_PROG(do_unlinkat, int dfd, struct filename *name)
{
	const char *path = name->name;
	u32 key;
	u64 *cnt;

	key = path[0] == '/'; // expect-line
	cnt = bpf_map_lookup_elem(&kinds, &key);
	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	return 0;
}
