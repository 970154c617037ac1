// After the kernel selftests' bpf_loop tests: the callback returns 2 to mean "found it, stop",
// but a bpf_loop callback must return 0 (continue) or 1 (stop).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct search_ctx {
	u64 target;
	u64 found_at;
};

static int find_cb(u32 index, void *data)
{
	struct search_ctx *s = data;

	if ((u64)index * index == s->target) {
		s->found_at = index;
		return 2; // expect-line
	}
	return 0;
}

SEC("tp/syscalls/sys_enter_getpid")
int find_root(void *ctx)
{
	struct search_ctx s = { .target = bpf_get_current_pid_tgid() & 0xffff, .found_at = 0 };

	bpf_loop(256, find_cb, &s, 0);
	SUBMIT_NUM(s.found_at);
	return 0;
}
