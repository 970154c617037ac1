// opener opens secret-<token>, and only if that fails, fallback-<token>.  Deny the first
// and submit the token of the second.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define EPERM 1
#define TOKEN_LEN 10

static __always_inline int is_opener(void)
{
	const char want[] = "opener";
	char comm[16];

	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	return 1;
}

// starts() is yours for the TODOs below.
static __always_inline __attribute__((unused)) int starts(const char *s, const char *prefix, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] != prefix[i])
			return 0;
	return 1;
}

SEC("lsm/file_open")
int BPF_PROG(check_open, struct file *file, int ret)
{
	char name[32] = {};

	if (ret != 0 || !is_opener())
		return ret;
	bpf_probe_read_kernel_str(name, sizeof(name), file->f_path.dentry->d_name.name);
	DEBUG_STR("opens", name);
	// TODO 1: deny secret-* (return -EPERM).
	// TODO 2: for fallback-*, submit the 10 characters after "fallback-".
	return 0;
}
