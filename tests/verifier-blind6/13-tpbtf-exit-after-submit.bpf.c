// Reports each process exit with its exit code through a ring buffer, like libbpf-bootstrap's
// bootstrap.bpf.c: the record is submitted first and then read again for a DEBUG line, but
// after bpf_ringbuf_submit() the record belongs to the reader and may not be touched.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

struct exit_event {
	u32 pid;
	u32 ppid;
	int exit_code;
	char comm[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} exits SEC(".maps");

SEC("tp_btf/sched_process_exit")
int BPF_PROG(on_exit, struct task_struct *p)
{
	struct exit_event *e;

	if (p->pid != p->tgid)
		return 0;
	e = bpf_ringbuf_reserve(&exits, sizeof(*e), 0);
	if (!e)
		return 0;
	e->pid = p->tgid;
	e->ppid = p->real_parent->tgid;
	e->exit_code = (p->exit_code >> 8) & 0xff;
	bpf_probe_read_kernel_str(e->comm, sizeof(e->comm), p->comm);
	bpf_ringbuf_submit(e, 0);
	DEBUG_NUM("exit code", e->exit_code); // expect-line
	return 0;
}
