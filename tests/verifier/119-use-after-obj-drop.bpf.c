// Allocates a sample with bpf_obj_new(), drops it, and only then reads its pid for the log.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "dojo.h"

char LICENSE[] SEC("license") = "GPL";

extern void *bpf_obj_new_impl(__u64 local_type_id, void *meta) __ksym;
extern void bpf_obj_drop_impl(void *kptr, void *meta) __ksym;
#define bpf_obj_new(type) ((type *)bpf_obj_new_impl(bpf_core_type_id_local(type), NULL))
#define bpf_obj_drop(kptr) bpf_obj_drop_impl(kptr, NULL)

struct fork_sample {
	u64 at;
	u32 pid;
};

SEC("tp_btf/sched_process_fork")
int BPF_PROG(on_fork, struct task_struct *parent, struct task_struct *child)
{
	struct fork_sample *s = bpf_obj_new(struct fork_sample);
	u32 pid;

	if (!s)
		return 0;
	s->at = bpf_ktime_get_ns();
	s->pid = child->pid;
	bpf_obj_drop(s);
	pid = s->pid;
	DEBUG_NUM("pid", pid);
	return 0;
}
