// SPDX-License-Identifier: GPL-2.0 OR BSD-3-Clause
/* After libbpf-bootstrap's examples/c/ksyscall.bpf.c, plus the errno headers libbpf-tools use
 * (<asm-generic/errno.h> in e.g. tcpconnect/oomkill-style tools, <linux/errno.h> elsewhere). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <asm-generic/errno.h>
#include <asm/errno.h>
#include <linux/errno.h>

#define TASK_COMM_LEN 16

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, u64);
} denied SEC(".maps");

SEC("ksyscall/tgkill")
int BPF_KSYSCALL(tgkill_entry, pid_t tgid, pid_t tid, int sig)
{
	char comm[TASK_COMM_LEN];
	__u32 caller_pid = bpf_get_current_pid_tgid() >> 32;

	if (sig == 0)
		return 0;
	bpf_get_current_comm(&comm, sizeof(comm));
	bpf_printk("tgkill syscall called by PID %d (%s) for thread id %d with pid %d and signal %d.",
		   caller_pid, comm, tid, tgid, sig);
	return 0;
}

SEC("ksyscall/kill")
int BPF_KSYSCALL(entry_probe, pid_t pid, int sig)
{
	u32 zero = 0;
	u64 *cnt;
	int ret = 0;

	if (sig == 0)
		return 0;
	if (pid == 1)
		ret = -EPERM;
	else if (pid < 0)
		ret = -ESRCH;
	else if (sig > 64)
		ret = -EINVAL;
	if (ret == -EPERM || ret == -EOPNOTSUPP || ret == -ENOSYS) {
		cnt = bpf_map_lookup_elem(&denied, &zero);
		if (cnt)
			__sync_fetch_and_add(cnt, 1);
	}
	bpf_printk("KILL syscall called by PID %d for PID %d with signal %d (%d).",
		   bpf_get_current_pid_tgid() >> 32, pid, sig, ret);
	return 0;
}

char _license[] SEC("license") = "GPL";
