// At execve(), counts the arguments of the process being started (up to 64) by walking argv
// with bpf_loop(), and submits the count for a program named "argv-counter". Mistake: the loop
// callback returns -1 when a read fails, to stop the loop; a bpf_loop callback returns only 0
// (continue) or 1 (stop).
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct argv_walk {
	const char *const *argv;
	__u32 argc;
};

static long count_arg(__u32 i, void *data)
{
	struct argv_walk *w = data;
	const char *arg;

	if (bpf_probe_read_user(&arg, sizeof(arg), &w->argv[i]))
		return -1; // expect-line
	if (!arg)
		return 1;
	w->argc++;
	return 0;
}

SEC("tp/syscalls/sys_enter_execve")
int on_execve(struct trace_event_raw_sys_enter *ctx)
{
	struct argv_walk w = { .argv = (const char *const *)ctx->args[1] };
	char comm[16];
	const char want[] = "argv-counter";

	bpf_loop(64, count_arg, &w, 0);
	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	SUBMIT_NUM(w.argc);
	return 0;
}
