// Find the password: a program named "vault" is started as
//     vault --user learner --password <secret>
// Catch it at the entry of execve() and submit <secret> with SUBMIT_STR().
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/syscalls/sys_enter_execve")
int on_execve(struct trace_event_raw_sys_enter *ctx)
{
	/* execve(filename, argv, envp): the arguments are in ctx->args[0..2] */
	const char *const *argv = (const char *const *)ctx->args[1];
	const char *arg;
	char name[16];

	/* argv[0]: first the pointer (it lives in user memory), then the string it points to */
	if (bpf_probe_read_user(&arg, sizeof(arg), &argv[0]) || !arg)
		return 0;
	if (bpf_probe_read_user_str(name, sizeof(name), arg) < 0)
		return 0;
	DEBUG_STR("argv[0]", name);

	/* TODO 1: stop unless name is exactly "vault" (not "vault-backup"!). */

	/* TODO 2: read argv[4] the same way into a char array and SUBMIT_STR() it. */
	return 0;
}
