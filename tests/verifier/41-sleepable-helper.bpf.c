// bpf_copy_from_user() may sleep: only sleepable programs (SEC("...s")) may call it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/syscalls/sys_enter_openat")
int on_openat(struct trace_event_raw_sys_enter *ctx)
{
	char name[32];

	bpf_copy_from_user(name, sizeof(name), (void *)ctx->args[1]);
	DEBUG_STR("name", name);
	return 0;
}
