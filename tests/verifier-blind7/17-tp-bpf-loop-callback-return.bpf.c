// Counts the path components of every file opened by "walker", walking the path with
// bpf_loop() because an open-coded loop over 256 bytes was too slow to verify. The mistake:
// the callback returns -1 to stop at the end of the string; bpf_loop callbacks may only
// return 0 (continue) or 1 (stop).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define PATH_MAX_LEN 256

struct walk {
	char path[PATH_MAX_LEN];
	__u32 slashes;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct walk);
} walk_buf SEC(".maps");

static long count_slash(__u64 i, struct walk *w)
{
	if (i >= PATH_MAX_LEN)
		return 1;
	if (w->path[i] == '\0')
		return -1; // expect-line
	if (w->path[i] == '/')
		w->slashes++;
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_openat")
int on_openat(struct trace_event_raw_sys_enter *ctx)
{
	const char want[] = "walker";
	char comm[16];
	__u32 zero = 0;
	struct walk *w;

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	w = bpf_map_lookup_elem(&walk_buf, &zero);
	if (!w)
		return 0;
	w->slashes = 0;
	if (bpf_probe_read_user_str(w->path, sizeof(w->path), (const char *)ctx->args[1]) < 0)
		return 0;
	bpf_loop(PATH_MAX_LEN, count_slash, w, 0);
	SUBMIT_NUM(w->slashes);
	return 0;
}
