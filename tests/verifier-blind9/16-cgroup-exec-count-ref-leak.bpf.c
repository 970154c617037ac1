// Counts execs per cgroup below the root (per container), looking the cgroup up by id.
// Mistake: when the task sits in the root cgroup, the function returns
// without bpf_cgroup_release() on the cgroup from bpf_cgroup_from_id().
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "GPL";

struct cgroup *bpf_cgroup_from_id(u64 cgid) __ksym;
void bpf_cgroup_release(struct cgroup *cgrp) __ksym;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, u64);
	__type(value, u64);
} execs SEC(".maps");

SEC("tp_btf/sched_process_exec")
int BPF_PROG(handle_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	u64 cgid = bpf_get_current_cgroup_id(), key, one = 1, *cnt;
	struct cgroup *cgrp;

	cgrp = bpf_cgroup_from_id(cgid);
	if (!cgrp)
		return 0;
	if (cgrp->level < 1)
		return 0; // expect-line
	key = cgrp->kn->id;
	bpf_cgroup_release(cgrp);
	cnt = bpf_map_lookup_elem(&execs, &key);
	if (cnt)
		__sync_fetch_and_add(cnt, 1);
	else
		bpf_map_update_elem(&execs, &key, &one, BPF_NOEXIST);
	return 0;
}
