// After bcc libbpf-tools' sigsnoop.bpf.c (kill(2) traced with a ksyscall probe): to name the
// signal's target, the task is looked up by pid with a kfunc kprobes may not call.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

extern struct task_struct *bpf_task_from_pid(s32 pid) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;

struct event {
	u32 pid, tpid;
	int sig;
	char comm[16];
	char tcomm[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

SEC("ksyscall/kill")
int BPF_KSYSCALL(kill_entry, pid_t tpid, int sig)
{
	struct task_struct *target;
	struct event *e;

	if (tpid <= 0 || !sig)
		return 0;
	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = bpf_get_current_pid_tgid() >> 32;
	e->tpid = tpid;
	e->sig = sig;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	target = bpf_task_from_pid(tpid); // expect-line
	if (target) {
		bpf_probe_read_kernel_str(e->tcomm, sizeof(e->tcomm), target->comm);
		bpf_task_release(target);
	}
	bpf_ringbuf_submit(e, 0);
	return 0;
}
