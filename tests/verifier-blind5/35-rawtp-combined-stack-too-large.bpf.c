// raw_tp on sys_enter: for openat() by the process named "finder", copies the path and a
// formatted "pid:path" line into stack buffers and reports the line. Mistake: each function's
// stack fits in 512 bytes, but the caller's 256-byte path plus the helper's 256-byte line buffer,
// both live during the call, exceed the 512 bytes the whole call chain may use.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

#define NR_openat 257

static __noinline int report(const char *path, __u32 pid)
{
	char line[256] = {}; // expect-line
	__u64 args[2] = { pid, (__u64)path };

	bpf_snprintf(line, sizeof(line), "%u:%s", args, sizeof(args));
	DEBUG_STR("open", line);
	return 0;
}

SEC("raw_tp/sys_enter")
int BPF_PROG(on_enter, struct pt_regs *regs, long id)
{
	const char want[] = "finder";
	char comm[16], path[256];
	const char *upath;

	if (id != NR_openat)
		return 0;
	bpf_get_current_comm(comm, sizeof(comm));
	for (int i = 0; i < sizeof(want); i++)
		if (comm[i] != want[i])
			return 0;
	upath = (const char *)PT_REGS_PARM2_CORE_SYSCALL(regs);
	if (bpf_probe_read_user_str(path, sizeof(path), upath) < 0)
		return 0;
	report(path, bpf_get_current_pid_tgid() >> 32);
	return 0;
}
