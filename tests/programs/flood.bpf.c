// Emits a record on every system call of every process: the ring buffer and the record
// caps must hold, and the run must still end normally.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("tp/raw_syscalls/sys_enter")
int on_syscall(void *ctx)
{
	u64 id = bpf_get_current_pid_tgid();

	DEBUG_NUM("id", id);
	SUBMIT_NUM(id);
	return 0;
}
