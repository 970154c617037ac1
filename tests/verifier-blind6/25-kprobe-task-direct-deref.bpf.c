// Reports the parent pid of each process that calls nanosleep, from a kprobe: the task from
// bpf_get_current_task() is an untyped kernel address in a kprobe, so it must be read with
// BPF_CORE_READ()/bpf_probe_read_kernel(), not dereferenced directly.
// blind: vm only: kprobe needs kprobes
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

SEC("kprobe/do_nanosleep")
int BPF_KPROBE(on_nanosleep)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	u32 ppid;

	ppid = task->real_parent->tgid; // expect-line
	DEBUG_NUM("sleeper's parent", ppid);
	return 0;
}
