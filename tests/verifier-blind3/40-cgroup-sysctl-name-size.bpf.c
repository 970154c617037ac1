// After the kernel selftests' test_sysctl_prog: the sysctl name is read into a 16-byte buffer
// while the size argument says 64 (the size of the buffer it was copied from).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

#define NAME_MAX_LEN 64

SEC("cgroup/sysctl")
int sysctl_guard(struct bpf_sysctl *ctx)
{
	char name[16];
	long n;

	if (!ctx->write)
		return 1;
	n = bpf_sysctl_get_name(ctx, name, NAME_MAX_LEN, 0); // expect-line
	if (n < 0)
		return 1;
	if (name[0] == 'k' && name[1] == 'e' && name[2] == 'r')
		return 0;
	return 1;
}
