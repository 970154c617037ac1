// Builds a per-exec sample object with bpf_obj_new(), fills it, copies its result to a map
// and frees it. Mistake: a field of the object is read after bpf_obj_drop() freed it.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

extern void *bpf_obj_new_impl(u64 local_type_id, void *meta) __ksym;
extern void bpf_obj_drop_impl(void *kptr, void *meta) __ksym;
#define bpf_obj_new(type) ((type *)bpf_obj_new_impl(bpf_core_type_id_local(type), NULL))
#define bpf_obj_drop(kptr) bpf_obj_drop_impl(kptr, NULL)

struct exec_sample {
	u64 ts;
	u32 pid;
	u32 cpu;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u32);
	__type(value, u64);
} last_ts SEC(".maps");

SEC("tp_btf/sched_process_exec")
int BPF_PROG(handle_exec, struct task_struct *p)
{
	struct exec_sample *s;
	u32 pid, key;
	u64 ts;

	s = bpf_obj_new(struct exec_sample);
	if (!s)
		return 0;
	s->ts = bpf_ktime_get_ns();
	s->pid = p->pid;
	s->cpu = bpf_get_smp_processor_id();
	key = s->pid;
	ts = s->ts;
	bpf_map_update_elem(&last_ts, &key, &ts, BPF_ANY);
	bpf_obj_drop(s);
	pid = s->pid; // expect-line
	bpf_printk("exec sample for %d", pid);
	return 0;
}
