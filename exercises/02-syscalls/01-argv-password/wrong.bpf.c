// A plausible mistake: an off-by-one on the argv index (argv[3] is the flag "--password",
// the secret is the next one).
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

	if (bpf_probe_read_user(&arg, sizeof(arg), &argv[0]) || !arg)
		return 0;
	if (bpf_probe_read_user_str(name, sizeof(name), arg) < 0)
		return 0;
	for (int i = 0; i < sizeof(want); i++)
		if (name[i] != want[i])
			return 0;

	if (bpf_probe_read_user(&arg, sizeof(arg), &argv[3]) || !arg)
		return 0;
	if (bpf_probe_read_user_str(password, sizeof(password), arg) < 0)
		return 0;
	SUBMIT_STR(password);
	return 0;
}
