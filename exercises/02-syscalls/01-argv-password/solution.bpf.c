// Reference solution: at the entry of execve, read argv[0] from the caller's memory; when it
// is exactly "vault", read argv[4] (the value after --password) and submit it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/syscalls/sys_enter_execve")
int on_execve(struct trace_event_raw_sys_enter *ctx)
{
	const char *const *argv = (const char *const *)ctx->args[1];
	const char *arg;
	char name[16];
	char password[32];
	const char want[] = "vault";

	/* argv is an array of pointers in user memory: read the pointer, then the string */
	if (bpf_probe_read_user(&arg, sizeof(arg), &argv[0]) || !arg)
		return 0;
	if (bpf_probe_read_user_str(name, sizeof(name), arg) < 0)
		return 0;
	/* compare the terminating NUL too, so "vault-backup" does not match */
	for (int i = 0; i < sizeof(want); i++)
		if (name[i] != want[i])
			return 0;

	if (bpf_probe_read_user(&arg, sizeof(arg), &argv[4]) || !arg)
		return 0;
	if (bpf_probe_read_user_str(password, sizeof(password), arg) < 0)
		return 0;
	SUBMIT_STR(password);
	return 0;
}
